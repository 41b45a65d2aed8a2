//! The tokshop binary: everything lives in the library; see `cli`.

fn main() {
    std::process::exit(tokshop::cli::main_entry());
}
