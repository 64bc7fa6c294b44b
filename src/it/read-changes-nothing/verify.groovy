import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

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
build.matches(/read\s+read-changes-nothing\/dev\/page \(fs::TextFile\)/)
build.has('Resources of read-changes-nothing/dev (2, state in ')
build.matches(/  read-changes-nothing\/dev\/page \(fs::TextFile, (created|CREATED)\) output: \{"path":"[^"]+index.html","size":12,"sha256":"[0-9a-f]{64}"\}/)
build.has('phase READ page size 12')
build.has('alchemy:read read-changes-nothing/dev: 2 read')
return true
