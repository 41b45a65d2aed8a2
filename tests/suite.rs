//! The integration suite as one test binary: one link instead of one per file keeps CI's build
//! small (23 separate binaries took 7 GB of debug output and crashed the linker on CI's disk).
//! Each file under `tests/` is a module; `common` (sandbox, client, binary helpers) and `ui`
//! (console fixtures) are shared by all.
#![allow(clippy::panic)]

mod common;
#[path = "common/ui.rs"]
#[macro_use]
mod ui;

mod architecture;
mod backfill_progress;
mod catalog_images;
mod cli;
mod cli_init;
mod cli_json_all;
mod cli_json_names;
mod cli_listing;
mod cli_lists;
mod cli_pipe;
mod cli_progress;
mod cli_returns;
mod client_behaviour;
mod client_fixtures;
mod crash;
mod damaged_store;
mod demo_catalog;
mod diagnose_new_cli;
mod edit_details_cli;
mod engine;
mod engine_crash;
mod finance;
mod finance_cli;
mod fulfilment;
mod hostile_receiver;
mod hostile_text;
mod keymaps;
mod listing;
mod listing_webhooks;
mod live_edit;
mod live_engine;
mod live_listings;
mod live_listings_cli;
mod live_webhook_drift;
mod order_sync;
mod returns;
mod robustness;
mod sandbox_contract;
mod sandbox_orders;
mod sandbox_products;
mod sandbox_reference;
mod sandbox_world;
mod search_engine;
mod shop_connections;
mod stock_feed_engine;
mod store_check;
mod store_io_error;
mod store_migration;
mod strict_imports;
mod suggest_engine;
mod ui_ellipsis;
mod ui_finding;
mod ui_flows;
mod ui_listing_flows;
mod ui_listing_live;
mod ui_listing_search;
mod ui_marks;
mod ui_order_flows;
mod ui_orders_queue;
mod ui_progress;
mod ui_quality_apply;
mod ui_quality_suggest;
mod ui_read_only;
mod ui_returns;
mod ui_scanner;
mod ui_snapshots;
mod ui_statements;
mod ui_status;
mod ui_team;
mod ui_whiten;
mod webhook_receiver;
mod whiten_cli;
mod whiten_engine;
