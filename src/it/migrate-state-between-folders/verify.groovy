import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logMatches = { String regex -> assert (log =~ regex).find() : "build.log lacks a match of: ${regex}" }
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

logHas('alchemy:up migrate-state-between-folders/dev: 2 created')
logMatches('alchemy:migrate-state migrate-state-between-folders/dev from filesystem state in \\S+'
    + '/target/alchemy/state/migrate-state-between-folders/dev to filesystem state in \\S+'
    + '/target/shared-state/migrate-state-between-folders/dev')
logMatches('alchemy:migrate-state migrate-state-between-folders/dev: copied 2 resource record\\(s\\)'
    + ' and \\d+ scope record\\(s\\) from ')
logHas('Stage migrate-state-between-folders/dev already has state in ')
logHas('Nothing was copied. To replace it with the state in ')
logHas('copy again with overwrite on (-Dalchemy.overwrite=true).')
return true
