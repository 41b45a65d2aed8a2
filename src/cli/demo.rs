use super::session::{CliError, Globals};
#[derive(clap::Args, Debug)]
pub struct DemoArgs {}
pub async fn run(_g: &Globals, _a: DemoArgs) -> Result<(), CliError> {
    Err(CliError::failed("demo: under construction"))
}
