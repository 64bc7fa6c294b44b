import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// Failures name the missing text instead of printing the whole log.
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }
def logMatches = { String regex -> assert (log =~ regex).find() : "build.log lacks a match of: ${regex}" }
def logLacksMatch = { String regex -> assert !(log =~ regex).find() : "build.log has a match of: ${regex}" }
def stateOf = { String app, String stage ->
  def file = new File(basedir, "target/alchemy/state/${app}/${stage}/state.json")
  file.exists() ? new JsonSlurper().parse(file) : null
}

def before = new File(basedir, 'target/state-before-read')
def after = new File(basedir, 'target/alchemy/state')
def files = { File root ->
  def found = [:]
  root.eachFileRecurse { if (it.isFile()) found[root.toPath().relativize(it.toPath()).toString()] = it.bytes }
  found
}

// Same files, byte for byte, after the read: no journal, no rewritten state.json, no lock taken.
def was = files(before)
def is = files(after)
assert was.keySet().contains('read-changes-nothing/dev/state.json')
assert was.keySet() == is.keySet()
was.each { name, bytes -> assert Arrays.equals(bytes, is[name]) : name }

// The read printed each resource with its output, and the definition saw the recorded output.
logMatches(/read\s+read-changes-nothing\/dev\/page \(fs::TextFile\)/)
logHas('Resources of read-changes-nothing/dev (2, state in ')
logMatches(/  read-changes-nothing\/dev\/page \(fs::TextFile, (created|CREATED)\) output: \{"path":"[^"]+index.html","size":12,"sha256":"[0-9a-f]{64}"\}/)
logHas('phase READ page size 12')
logHas('alchemy:read read-changes-nothing/dev: 2 read')
return true
