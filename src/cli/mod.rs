//! The command line: argument parsing and dispatch to the console, the daemon, the sandbox,
//! the demo, benchmarks and the headless commands. Exit codes: 0 ok, 1 failure, 2 bad
//! configuration, usage, or a data dir in use.

mod audit;
pub(crate) mod bench;
mod catalog;
pub mod console;
mod daemon;
pub mod demo;
mod finance;
mod fulfilment;
mod headless;
mod inbox;
mod init;
mod orders;
pub mod output;
mod paging;
mod progress;
mod returns;
pub mod runtime;
mod sandbox;
pub mod session;
mod shops;
mod store;

pub use headless::run_headless;
pub use session::CliError;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "tokshop",
    version,
    about = "A keyboard-first console for TikTok Shop sellers, with a built-in TikTok Shop API sandbox"
)]
pub struct Cli {
    /// Config file (default: $XDG_CONFIG_HOME/tokshop/config.toml)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Data dir holding the store (default: $XDG_DATA_HOME/tokshop)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Keymap file overriding keys of keymaps/default.toml
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
    /// Hide dangerous actions and writes (disconnect, ship, cancel, mapping edits): for support staff
    #[arg(long, global = true)]
    pub read_only: bool,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Platform stores (the seller's own catalogue and orders)
    Stores {
        #[command(subcommand)]
        cmd: shops::stores::StoresCmd,
    },
    /// TikTok shop connections
    Shops {
        #[command(subcommand)]
        cmd: shops::ShopsCmd,
    },
    /// Things that need a person
    Inbox {
        #[command(subcommand)]
        cmd: inbox::InboxCmd,
    },
    /// Received webhook notifications
    Webhooks {
        #[command(subcommand)]
        cmd: inbox::WebhooksCmd,
    },
    /// TikTok orders: the queue, sync, shipping, cancelling
    Orders {
        #[command(subcommand)]
        cmd: orders::OrdersCmd,
    },
    /// Packages (what leaves the warehouse)
    Packages {
        #[command(subcommand)]
        cmd: fulfilment::packages::PackagesCmd,
    },
    /// Your carriers and their TikTok shipping providers
    Carriers {
        #[command(subcommand)]
        cmd: fulfilment::carriers::CarriersCmd,
    },
    /// TikTok warehouses of your shops
    Warehouses {
        #[command(subcommand)]
        cmd: fulfilment::carriers::WarehousesCmd,
    },
    /// The platform catalogue (Shopify CSV or tokshop JSON)
    Catalog {
        #[command(subcommand)]
        cmd: catalog::CatalogCmd,
    },
    /// TikTok categories: search, map product types, recommendations
    Categories {
        #[command(subcommand)]
        cmd: catalog::mappings::CategoriesCmd,
    },
    /// TikTok brands: search, map vendors, create custom brands
    Brands {
        #[command(subcommand)]
        cmd: catalog::mappings::BrandsCmd,
    },
    /// TikTok category attributes: list, fill from options, tags or fixed values
    Attributes {
        #[command(subcommand)]
        cmd: catalog::mappings::AttributesCmd,
    },
    /// Listing platform products on TikTok shops
    Listings {
        #[command(subcommand)]
        cmd: catalog::listings::ListingsCmd,
    },
    /// Who did what: every write with its user, role, where from and outcome
    Audit {
        #[command(subcommand)]
        cmd: audit::AuditCmd,
    },
    /// The store itself: check it, back it up
    Store {
        #[command(subcommand)]
        cmd: store::StoreCmd,
    },
    /// The engine: sync, the webhook receiver and the socket consoles and scripts attach to
    /// (without a screen; SIGTERM stops it cleanly); `status` and `stop` ask a running one
    Daemon(daemon::DaemonArgs),
    /// Run the TikTok Shop API sandbox alone
    Sandbox(sandbox::SandboxArgs),
    /// The console against the built-in sandbox with demo data
    Demo(demo::DemoArgs),
    /// Measure speed and memory
    Bench(bench::BenchArgs),
    /// Finance: sync, an order's money, the reconciliation, exports for the accountant
    Finance {
        #[command(subcommand)]
        cmd: finance::FinanceCmd,
    },
    /// TikTok statements (one per shop and day)
    Statements {
        #[command(subcommand)]
        cmd: finance::lists::StatementsCmd,
    },
    /// TikTok payments to the bank
    Payments {
        #[command(subcommand)]
        cmd: finance::lists::PaymentsCmd,
    },
    /// TikTok withdrawals
    Withdrawals {
        #[command(subcommand)]
        cmd: finance::lists::WithdrawalsCmd,
    },
    /// Returns, refunds and replacements: the queue, decisions, receiving packages
    Returns {
        #[command(subcommand)]
        cmd: returns::ReturnsCmd,
    },
    /// The shop's TikTok products: search by status and SKU
    Products {
        #[command(subcommand)]
        cmd: catalog::live_edit::ProductsCmd,
    },
    /// From nothing to a running setup: app key and secret, webhook address, first store,
    /// the seller's authorization, a first sync, the daemon as a systemd service
    Init(init::InitArgs),
}

#[derive(Args, Debug, Clone, Default)]
pub struct JsonFlag {
    /// Print one JSON document on stdout
    #[arg(long)]
    pub json: bool,
}

/// Parse the arguments and run; returns the process exit code.
pub fn main_entry() -> i32 {
    // Everything tokshop creates (store, logs, label PDFs, exports, images, sockets) is its
    // owner's alone: files 0600, directories 0700.
    // SAFETY: umask only changes this process's file-creation mask; called before any thread starts.
    unsafe {
        libc::umask(0o077);
    }
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            crate::errln!("tokshop: cannot start the async runtime: {e}");
            return 1;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => 0,
        Err(e) => {
            // An empty message: the command already said why (it ran in the engine).
            if !e.message.is_empty() {
                crate::errln!("tokshop: {}", e.message);
            }
            e.code
        }
    }
}

/// Headless commands print to stdout: when the reader goes away (`| head`), end quietly like
/// any Unix tool instead of panicking on a broken pipe. Long-running modes keep ignoring SIGPIPE
/// (a daemon whose stdout reader is gone keeps serving; its lines are dropped, see
/// [`output::out_line`]).
fn quiet_broken_pipe(cmd: &Option<Cmd>) {
    if !cmd.as_ref().is_none_or(Cmd::long_running) {
        // SAFETY: setting a signal disposition to its default before any thread writes to stdout.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
}

impl Cmd {
    /// Modes that serve until stopped: the engine in the foreground, the demo, the sandbox, the
    /// benchmarks (their in-process sandbox and engine). Their subcommands that ask and answer
    /// (`daemon status`, `daemon stop`, `daemon --detach`, `sandbox issue-code`, `sandbox
    /// advance-clock`) are short, as every headless command is.
    pub fn long_running(&self) -> bool {
        match self {
            Cmd::Daemon(a) => a.cmd.is_none() && !a.detach,
            Cmd::Sandbox(a) => a.cmd.is_none(),
            Cmd::Demo(_) | Cmd::Bench(_) => true,
            _ => false,
        }
    }

    /// Headless commands: the engine runs them when one serves the data dir.
    pub fn headless(&self) -> bool {
        !matches!(self, Cmd::Daemon(_) | Cmd::Sandbox(_) | Cmd::Demo(_) | Cmd::Bench(_) | Cmd::Init(_))
    }

    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        match self {
            Cmd::Stores { cmd } => cmd.needs(),
            Cmd::Shops { cmd } => cmd.needs(),
            Cmd::Inbox { cmd } => cmd.needs(),
            Cmd::Webhooks { cmd } => cmd.needs(),
            Cmd::Orders { cmd } => cmd.needs(),
            Cmd::Packages { cmd } => cmd.needs(),
            Cmd::Carriers { cmd } => cmd.needs(),
            Cmd::Warehouses { cmd } => cmd.needs(),
            Cmd::Catalog { cmd } => cmd.needs(),
            Cmd::Categories { cmd } => cmd.needs(),
            Cmd::Brands { cmd } => cmd.needs(),
            Cmd::Attributes { cmd } => cmd.needs(),
            Cmd::Listings { cmd } => cmd.needs(),
            Cmd::Products { cmd } => cmd.needs(),
            Cmd::Audit { cmd } => cmd.needs(),
            Cmd::Store { cmd } => cmd.needs(),
            Cmd::Finance { cmd } => cmd.needs(),
            Cmd::Statements { .. } | Cmd::Payments { .. } | Cmd::Withdrawals { .. } => None,
            Cmd::Returns { cmd } => cmd.needs(),
            Cmd::Daemon(_) | Cmd::Sandbox(_) | Cmd::Demo(_) | Cmd::Bench(_) | Cmd::Init(_) => None,
        }
    }
}

async fn run(cli: Cli) -> Result<(), CliError> {
    quiet_broken_pipe(&cli.command);
    let globals =
        session::Globals { config: cli.config, data_dir: cli.data_dir, keymap: cli.keymap, read_only: cli.read_only };
    match cli.command {
        None => console::run(&globals).await,
        Some(Cmd::Daemon(args)) => daemon::run(&globals, args).await,
        Some(Cmd::Sandbox(args)) => sandbox::run(&globals, args).await,
        Some(Cmd::Demo(args)) => demo::run(&globals, args).await,
        Some(Cmd::Bench(args)) => bench::run(&globals, args).await,
        Some(Cmd::Init(args)) => init::run(&globals, args).await,
        Some(cmd) => headless::forward_or_run(&globals, cmd).await,
    }
}

/// A headless command, here or in the engine: the same code either way.
pub(crate) async fn dispatch(globals: &session::Globals, cmd: Cmd) -> Result<(), CliError> {
    match cmd {
        Cmd::Stores { cmd } => shops::stores::run(globals, cmd).await,
        Cmd::Shops { cmd } => shops::run(globals, cmd).await,
        Cmd::Inbox { cmd } => inbox::run_inbox(globals, cmd).await,
        Cmd::Webhooks { cmd } => inbox::run_webhooks(globals, cmd).await,
        Cmd::Orders { cmd } => orders::run(globals, cmd).await,
        Cmd::Packages { cmd } => fulfilment::packages::run(globals, cmd).await,
        Cmd::Carriers { cmd } => fulfilment::carriers::run(globals, cmd).await,
        Cmd::Warehouses { cmd } => fulfilment::carriers::run_warehouses(globals, cmd).await,
        Cmd::Catalog { cmd } => catalog::run(globals, cmd).await,
        Cmd::Categories { cmd } => catalog::mappings::run_categories(globals, cmd).await,
        Cmd::Brands { cmd } => catalog::mappings::run_brands(globals, cmd).await,
        Cmd::Attributes { cmd } => catalog::mappings::run_attributes(globals, cmd).await,
        Cmd::Listings { cmd } => catalog::listings::run(globals, cmd).await,
        Cmd::Products { cmd } => catalog::live_edit::run_products(globals, cmd).await,
        Cmd::Audit { cmd } => audit::run(globals, cmd).await,
        Cmd::Store { cmd } => store::run(globals, cmd).await,
        Cmd::Finance { cmd } => finance::run(globals, cmd).await,
        Cmd::Statements { cmd } => finance::lists::run_statements(globals, cmd).await,
        Cmd::Payments { cmd } => finance::lists::run_payments(globals, cmd).await,
        Cmd::Withdrawals { cmd } => finance::lists::run_withdrawals(globals, cmd).await,
        Cmd::Returns { cmd } => returns::run(globals, cmd).await,
        Cmd::Daemon(_) | Cmd::Sandbox(_) | Cmd::Demo(_) | Cmd::Bench(_) | Cmd::Init(_) => {
            Err(CliError::usage("only headless commands run in the engine"))
        }
    }
}
