import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def app = 'read-local-and-scope-state'

// 3: the local read lists the local state it ran against, not the deployed stage's records.
build.matches(/Resources of ${app}\/dev@local \(1, state in [^\n]*${app}\/dev@local\):\R/
    + /\[INFO\]   ${app}\/dev\/page \(fs::TextFile, created\) output: \{"path":"[^"]*local\.html"/)
build.matches(/Scope state of ${app}\/dev@local \(2 scopes\):\R/
    + /\[INFO\]   ${app}\/dev: \{"servedFrom":"local"\}\R/
    + /\[INFO\]   ${app}\/dev\/storage: \{"token":"Secret\[\*\*\*\*\]"\}/)

// 4: the plain read lists the deployed stage.
build.matches(/Resources of ${app}\/dev \(1, state in [^\n]*${app}\/dev\):\R/
    + /\[INFO\]   ${app}\/dev\/page \(fs::TextFile, created\) output: \{"path":"[^"]*deployed\.html"/)
build.matches(/Scope state of ${app}\/dev \(2 scopes\):\R/
    + /\[INFO\]   ${app}\/dev: \{"servedFrom":"deployed"\}\R/
    + /\[INFO\]   ${app}\/dev\/storage: \{"token":"Secret\[\*\*\*\*\]"\}/)

// No secret in plain text, in the log or in either state.
build.lacks('read-it-token-')
['dev', 'dev@local'].each { stage ->
  def state = new File(basedir, "target/alchemy/state/${app}/${stage}/state.json")
  assert state.text.contains('@secret') && !state.text.contains('read-it-token-') : stage
}
return true
