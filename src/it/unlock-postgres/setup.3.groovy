context.userProperties.put('alchemy.lockId', new File(basedir, 'lock-id.txt').text)
return true
