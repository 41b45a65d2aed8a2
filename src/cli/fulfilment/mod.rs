//! The fulfilment family's commands: packages and labels, carriers and warehouses.

pub mod carriers;
pub mod packages;
