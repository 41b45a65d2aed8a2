//! `tokshop listings edit ... [--image FILE]... [--attr ID=VALUE]... [--weight-kg KG]
//! [--dims-cm LxWxH]` (CAT-POST-INFO): a live product's gallery, attributes and package. Local
//! images are converted and uploaded first (Upload Product Image; a `tos-...` URI TikTok already
//! has is kept as it is); the field diff against what TikTok shows now is printed (`- TikTok` /
//! `+ ours`), then sent with Partial Edit through the outbox (`EditListingDetails`), unless
//! `--dry-run`. With `--dry-run` nothing is uploaded: local images are diffed by file name.

use crate::cli::catalog::live_edit::{asked_at, show_changes};
use crate::cli::session::CliError;
use crate::domain::catalog::Dimensions;
use crate::domain::listing::ChosenValue;
use crate::domain::live_edit::{DetailsEdit, diff};
use crate::domain::outbox::OutboxIntent;
use crate::domain::shop::Shop;
use crate::sync::catalog::images::{self, UseCase};
use crate::sync::catalog::live_details::live_details;
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError, outbox};
use rust_decimal::Decimal;
use std::str::FromStr;

/// What `listings edit` takes beyond the text.
#[derive(clap::Args, Debug, Default)]
pub struct DetailArgs {
    /// The whole gallery in order: local files (uploaded) or TikTok image URIs (repeat)
    #[arg(long = "image")]
    pub images: Vec<String>,
    /// ATTRIBUTE_ID=VALUE: a value id or a custom name (repeat; an attribute named twice takes both)
    #[arg(long = "attr")]
    pub attrs: Vec<String>,
    #[arg(long)]
    pub weight_kg: Option<String>,
    /// LxWxH in centimetres (whole numbers, rounded up)
    #[arg(long)]
    pub dims_cm: Option<String>,
}

impl DetailArgs {
    pub fn is_empty(&self) -> bool {
        self.images.is_empty() && self.attrs.is_empty() && self.weight_kg.is_none() && self.dims_cm.is_none()
    }
}

fn dec(s: &str, what: &str) -> Result<Decimal, CliError> {
    Decimal::from_str(s.trim())
        .ok()
        .filter(|d| *d > Decimal::ZERO)
        .ok_or_else(|| CliError::usage(format!("{what} {s:?} is not a positive number")))
}

/// The edit asked, images as given (uploaded later when sending).
pub fn parse(a: &DetailArgs) -> Result<DetailsEdit, CliError> {
    let mut e = DetailsEdit::default();
    if !a.images.is_empty() {
        if a.images.len() > 9 {
            return Err(CliError::usage("TikTok takes at most 9 images"));
        }
        e.main_images = Some(a.images.clone());
    }
    for at in &a.attrs {
        let (id, v) = at
            .split_once('=')
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
            .ok_or_else(|| CliError::usage(format!("--attr {at:?}: write ATTRIBUTE_ID=VALUE")))?;
        let value = if v.chars().all(|c| c.is_ascii_digit()) {
            ChosenValue { id: v, name: String::new() }
        } else {
            ChosenValue { id: String::new(), name: v }
        };
        e.attributes.entry(id).or_default().push(value);
    }
    if let Some(w) = &a.weight_kg {
        e.package_weight_kg = Some(dec(w, "--weight-kg")?);
    }
    if let Some(d) = &a.dims_cm {
        let parts: Vec<&str> = d.split(['x', 'X']).collect();
        let [l, w, h] = parts.as_slice() else { return Err(CliError::usage("--dims-cm takes LxWxH, e.g. 30x20x5")) };
        e.package_dimensions_cm =
            Some(Dimensions { length: dec(l, "length")?, width: dec(w, "width")?, height: dec(h, "height")? });
    }
    Ok(e)
}

fn is_uri(s: &str) -> bool {
    s.starts_with("tos-") && !std::path::Path::new(s).exists()
}

/// Diff, then (unless dry-run) upload local images and send through the outbox.
pub async fn run(
    ctx: &SyncCtx,
    s: &Shop,
    pid: &str,
    mut edit: DetailsEdit,
    dry_run: bool,
    as_json: bool,
) -> Result<(), CliError> {
    if let (Some(g), false) = (edit.main_images.as_mut(), dry_run) {
        for img in g.iter_mut().filter(|i| !is_uri(i)) {
            let prep = images::prepare(img, UseCase::Main).map_err(|e| CliError::usage(format!("image {img}: {e}")))?;
            let up = ctx
                .api
                .upload_image(&shop_ref(s), &prep.file_name, &prep.bytes, UseCase::Main.wire())
                .await
                .map_err(SyncError::from)?;
            *img = up.uri;
        }
    }
    let now = ctx.api.product_text(&shop_ref(s), pid).await.map_err(SyncError::from)?;
    let changes = diff(&live_details(&now), &edit);
    if !show_changes(s, pid, &changes, dry_run, as_json) {
        return Ok(());
    }
    let intent = OutboxIntent::EditListingDetails {
        shop_id: s.id.clone(),
        product_id: pid.to_string(),
        edit,
        asked_at: asked_at(),
    };
    let label = intent.label();
    let item = outbox::enqueue(ctx, intent)?;
    let note = crate::cli::orders::settle(ctx, item.id).await?;
    if !as_json {
        crate::outln!("{label} on {}: {note}", s.name);
    }
    Ok(())
}

/// `listings edit` with detail flags: the product on the shop, its information sync not stopped.
pub async fn for_cli(
    g: &crate::cli::session::Globals,
    what: &str,
    shop_id: &str,
    a: &DetailArgs,
    dry_run: bool,
    as_json: bool,
) -> Result<(), CliError> {
    let edit = parse(a)?;
    let ctx = crate::cli::session::open_ctx(g)?;
    let s = crate::cli::catalog::mappings::shop(&ctx, shop_id)?;
    let pid = crate::cli::catalog::live_edit::product_id_on(&ctx, &s, what)?;
    if !dry_run {
        crate::sync::catalog::stops::refuse_if_info_stopped(&ctx, &s, &pid, what)?;
    }
    run(&ctx, &s, &pid, edit, dry_run, as_json).await
}
