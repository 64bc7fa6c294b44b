import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def stateIn = { String folder ->
  new JsonSlurper().parse(new File(basedir, "${folder}/migrate-state-between-folders/dev/state.json"))
}

def source = stateIn('target/alchemy/state')
def target = stateIn('target/shared-state')
// Every record, verbatim. (That the next deploy on a copy changes nothing is proven by
// migrate-state-to-postgres.)
assert target.resources as Set == source.resources as Set
assert target.scopes as Set == source.scopes as Set
assert source.resources.size() == 2

build.has('alchemy:up migrate-state-between-folders/dev: 2 created')
build.matches('alchemy:migrate-state migrate-state-between-folders/dev from filesystem state in \\S+'
    + '/target/alchemy/state/migrate-state-between-folders/dev to filesystem state in \\S+'
    + '/target/shared-state/migrate-state-between-folders/dev')
build.matches('alchemy:migrate-state migrate-state-between-folders/dev: copied 2 resource record\\(s\\)'
    + ' and \\d+ scope record\\(s\\) from ')
build.has('Stage migrate-state-between-folders/dev already has state in ')
build.has('Nothing was copied. To replace it with the state in ')
build.has('copy again with overwrite on (-Dalchemy.overwrite=true).')
return true
