import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

build.has('alchemy:up blank-stage-destroys-nothing/dev: 2 created')
// The blank stage is refused before anything is opened or run, naming where it came from.
build.has("The stage is blank: -Dalchemy.stage on the command line sets it to ''. A blank stage"
    + " is not taken as the default (ALCHEMY_STAGE if set, else dev): alchemy:destroy would then"
    + " delete a stage nobody named. Name the stage, e.g. -Dalchemy.stage=prod or"
    + " <stage>prod</stage>, or remove -Dalchemy.stage to use the default. Nothing was run or"
    + " written.")
build.lacks('alchemy:destroy blank-stage-destroys-nothing/dev')
build.lacksMatch(/deleted\s+blank-stage-destroys-nothing/)

// dev is still deployed: its files and its state, with both records.
assert new File(basedir, 'target/out/dev/index.html').text == 'deployed to dev'
def state = build.state('blank-stage-destroys-nothing', 'dev')
assert state.resources*.id.sort() == ['index', 'site']
assert !new File(basedir, 'target/alchemy/state/blank-stage-destroys-nothing/dev/journal.jsonl').exists()
return true
