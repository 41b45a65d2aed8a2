//! `tokshop bench codec`: the store's encodings of an order and its queue row side by side:
//! bytes, and time to encode and decode one (JSON, postcard; bitcode too with
//! `--features sqlite-bench`). The figures behind the choice in `store/codec.rs`.

use crate::cli::bench::orders::synth_order;
use crate::cli::session::CliError;
use crate::domain::order::{Order, OrderRow};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// One encoding: its name, and encode/decode of an order and a row.
struct Codec {
    name: &'static str,
    enc_order: fn(&Order) -> Result<Vec<u8>, String>,
    dec_order: fn(&[u8]) -> Result<Order, String>,
    enc_row: fn(&OrderRow) -> Result<Vec<u8>, String>,
}

fn codecs() -> Vec<Codec> {
    #[allow(unused_mut)] // bitcode joins with --features sqlite-bench
    let mut v = vec![
        Codec {
            name: "json",
            enc_order: |o| serde_json::to_vec(o).map_err(|e| e.to_string()),
            dec_order: |b| serde_json::from_slice(b).map_err(|e| e.to_string()),
            enc_row: |r| serde_json::to_vec(r).map_err(|e| e.to_string()),
        },
        Codec {
            name: "postcard",
            enc_order: |o| postcard::to_stdvec(o).map_err(|e| e.to_string()),
            dec_order: |b| postcard::from_bytes(b).map_err(|e| e.to_string()),
            enc_row: |r| postcard::to_stdvec(r).map_err(|e| e.to_string()),
        },
    ];
    #[cfg(feature = "sqlite-bench")]
    v.push(Codec {
        name: "bitcode",
        enc_order: |o| bitcode::serialize(o).map_err(|e| e.to_string()),
        dec_order: |b| bitcode::deserialize(b).map_err(|e| e.to_string()),
        enc_row: |r| bitcode::serialize(r).map_err(|e| e.to_string()),
    });
    v
}

fn per_op(d: Duration, n: u64) -> String {
    format!("{:.2} µs", d.as_secs_f64() * 1e6 / n as f64)
}

pub fn codec(n: u64) -> Result<(), CliError> {
    let now = crate::clock::Clock::now(&crate::clock::SystemClock);
    let orders: Vec<Order> = (0..n).map(|i| synth_order(i, 0, now)).collect();
    let rows: Vec<OrderRow> = orders.iter().map(OrderRow::from).collect();
    println!("codec: {n} orders (two lines each) and their queue rows");
    println!("  {:<9} {:>12} {:>10} {:>10} {:>10}", "encoding", "order bytes", "encode", "decode", "row bytes");
    for c in codecs() {
        let fail = |e: String| CliError::failed(format!("{}: {e}", c.name));
        let t = Instant::now();
        let mut encoded = Vec::with_capacity(orders.len());
        for o in &orders {
            encoded.push((c.enc_order)(black_box(o)).map_err(fail)?);
        }
        let enc = t.elapsed();
        let t = Instant::now();
        for (b, o) in encoded.iter().zip(&orders) {
            let back = (c.dec_order)(black_box(b)).map_err(fail)?;
            if &back != o {
                return Err(fail("an order did not come back as it was".into()));
            }
        }
        let dec = t.elapsed();
        let mut row_bytes = 0;
        for r in &rows {
            row_bytes += (c.enc_row)(r).map_err(fail)?.len();
        }
        let bytes: usize = encoded.iter().map(Vec::len).sum();
        println!(
            "  {:<9} {:>12} {:>10} {:>10} {:>10}",
            c.name,
            bytes / orders.len().max(1),
            per_op(enc, n),
            per_op(dec, n),
            row_bytes / rows.len().max(1)
        );
    }
    Ok(())
}
