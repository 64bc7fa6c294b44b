context.userProperties.put('alchemy.lockId', 'not-the-lock-id')
return true
