use super::session::{CliError, Globals};
#[derive(clap::Args, Debug)]
pub struct BenchArgs {}
pub async fn run(_g: &Globals, _a: BenchArgs) -> Result<(), CliError> {
    Err(CliError::failed("bench: under construction"))
}
