use super::session::{CliError, Globals};
pub async fn run(_g: &Globals) -> Result<(), CliError> {
    Err(CliError::failed("console: under construction"))
}
