import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

build.has('[INFO] Skipping alchemy:up in multi-module-build: a pom-packaged project has no classes to hold a definition')
build.has('[INFO] Skipping alchemy:up because alchemy.skip is set.')
build.has('alchemy:up shop/dev: 1 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')

// Relative paths resolve against the module that holds the definition.
assert new File(basedir, 'infra/target/out/orders.txt').text == 'shop-dev-orders'
def state = new JsonSlurper().parse(new File(basedir, 'target/alchemy/state/shop/dev/state.json'))
assert state.resources*.fqn == ['shop/dev/orders']
return true
