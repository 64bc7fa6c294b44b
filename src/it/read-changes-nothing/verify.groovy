import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

// Same files, byte for byte, after the read: no journal, no rewritten state.json, no lock taken.
assert build.sameFiles('target/state-before-read', 'target/alchemy/state')
    .contains('read-changes-nothing/dev/state.json')

// The read printed each resource with its output, and the definition saw the recorded output.
build.matches(/read\s+read-changes-nothing\/dev\/page \(fs::TextFile\)/)
build.has('Resources of read-changes-nothing/dev (2, state in ')
build.matches(/  read-changes-nothing\/dev\/page \(fs::TextFile, (created|CREATED)\) output: \{"path":"[^"]+index.html","size":12,"sha256":"[0-9a-f]{64}"\}/)
build.has('phase READ page size 12')
build.has('alchemy:read read-changes-nothing/dev: 2 read')
return true
