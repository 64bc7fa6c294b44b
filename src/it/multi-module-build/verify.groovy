import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// Failures name the missing text instead of printing the whole log.
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }
def logMatches = { String regex -> assert (log =~ regex).find() : "build.log lacks a match of: ${regex}" }
def logLacksMatch = { String regex -> assert !(log =~ regex).find() : "build.log has a match of: ${regex}" }

logHas('[INFO] Skipping alchemy:up in multi-module-build: a pom-packaged project has no classes to hold a definition')
logHas('[INFO] Skipping alchemy:up because alchemy.skip is set.')
logHas('alchemy:up shop/dev: 1 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')

// Relative paths resolve against the module that holds the definition.
assert new File(basedir, 'infra/target/out/orders.txt').text == 'shop-dev-orders'
def state = new JsonSlurper().parse(new File(basedir, 'target/alchemy/state/shop/dev/state.json'))
assert state.resources*.fqn == ['shop/dev/orders']
return true
