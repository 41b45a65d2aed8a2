//! Edits of a live product's details beyond its text (CAT-POST-INFO, CAT-NFOQUAL-WHTBGIMG):
//! the image gallery, product attributes and the package. Pure: what TikTok shows now against
//! what the seller asked, field by field, so the diff shown before sending and the check made
//! again before the call (a retry sends nothing that is already there) are the same function.

use super::catalog::Dimensions;
use super::listing::ChosenValue;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A live product's details as TikTok shows them (Get Product).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveDetails {
    /// The gallery's image URIs in order.
    pub main_images: Vec<String>,
    pub attributes: BTreeMap<String, Vec<ChosenValue>>,
    /// Value and unit (KILOGRAM, POUND, GRAM).
    pub package_weight: Option<(Decimal, String)>,
    /// Length, width, height and unit (CENTIMETER, INCH).
    pub package_dimensions: Option<(Dimensions, String)>,
}

/// What the seller asked to change; what is empty stays as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetailsEdit {
    /// The whole gallery in order (TikTok replaces `main_images` as one property).
    pub main_images: Option<Vec<String>>,
    /// Only the attributes that change: id -> values (each an id or a custom name).
    pub attributes: BTreeMap<String, Vec<ChosenValue>>,
    pub package_weight_kg: Option<Decimal>,
    pub package_dimensions_cm: Option<Dimensions>,
}

impl DetailsEdit {
    pub fn is_empty(&self) -> bool {
        self.main_images.is_none()
            && self.attributes.is_empty()
            && self.package_weight_kg.is_none()
            && self.package_dimensions_cm.is_none()
    }

    /// Field names, for an outbox label.
    pub fn fields(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.main_images.is_some() {
            out.push("images");
        }
        if !self.attributes.is_empty() {
            out.push("attributes");
        }
        if self.package_weight_kg.is_some() || self.package_dimensions_cm.is_some() {
            out.push("package");
        }
        out
    }
}

/// One field as TikTok has it and as it would be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DetailDiff {
    pub field: String,
    pub tiktok: String,
    pub ours: String,
}

/// A title and description edit against what is there now (equal fields are left out): the
/// diff `listings edit` prints and the console shows before a suggestion is applied.
pub fn text_diff(
    title_now: &str,
    description_now: &str,
    title: Option<&str>,
    description: Option<&str>,
) -> Vec<DetailDiff> {
    let mut out = Vec::new();
    for (field, have, want) in [("title", title_now, title), ("description", description_now, description)] {
        if let Some(w) = want.filter(|w| *w != have) {
            out.push(DetailDiff { field: field.into(), tiktok: have.to_string(), ours: w.to_string() });
        }
    }
    out
}

/// The most characters TikTok takes in a product's title and description.
pub const TITLE_MAX: usize = 255;
pub const DESCRIPTION_MAX: usize = 10_000;

/// What is wrong with a title by TikTok's rules (1 to 255 characters), in words; `None` when
/// it will do. The listing check, the console's edit of a suggestion and the engine's
/// `ApplyQuality` all ask this one function.
pub fn title_problem(title: &str) -> Option<String> {
    length_problem("title", title, TITLE_MAX)
}

/// What is wrong with a description by TikTok's rules (not empty, at most 10,000 characters).
pub fn description_problem(description: &str) -> Option<String> {
    length_problem("description", description, DESCRIPTION_MAX)
}

/// What is wrong with a title or description to send (a suggestion or the seller's own edit of
/// one), by TikTok's rules; `None` when both will do (or are left as they are).
pub fn text_problem(title: Option<&str>, description: Option<&str>) -> Option<String> {
    title.and_then(title_problem).or_else(|| description.and_then(description_problem))
}

fn length_problem(field: &str, text: &str, max: usize) -> Option<String> {
    let n = text.chars().count();
    if text.trim().is_empty() {
        Some(format!("the {field} is empty"))
    } else if n > max {
        Some(format!("the {field} is {n} characters; TikTok allows {max}"))
    } else {
        None
    }
}

/// A diff as lines: the field, then `- ` what is there and `+ ` what would be.
pub fn diff_lines(changes: &[DetailDiff]) -> Vec<String> {
    changes
        .iter()
        .flat_map(|c| [format!("{}:", c.field), format!("  - {}", c.tiktok), format!("  + {}", c.ours)])
        .collect()
}

/// A package dimension as TikTok takes it: a positive whole number (rounded up).
pub fn whole(d: Decimal) -> Decimal {
    d.ceil().max(Decimal::ONE)
}

fn values_text(v: &[ChosenValue]) -> String {
    let names: Vec<String> =
        v.iter().map(|c| if c.name.is_empty() { format!("#{}", c.id) } else { c.name.clone() }).collect();
    if names.is_empty() { "(none)".into() } else { names.join(", ") }
}

/// Two value lists say the same: by id where both have one, else by name (case aside).
fn same_values(a: &[ChosenValue], b: &[ChosenValue]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            if !x.id.is_empty() && !y.id.is_empty() { x.id == y.id } else { x.name.eq_ignore_ascii_case(&y.name) }
        })
}

fn gallery_text(v: &[String]) -> String {
    if v.is_empty() { "(no images)".into() } else { format!("{} image(s): {}", v.len(), v.join(", ")) }
}

fn dims_text(d: &Dimensions, unit: &str) -> String {
    format!("{} x {} x {} {unit}", d.length.normalize(), d.width.normalize(), d.height.normalize())
}

/// The fields that change, against what TikTok shows now (equal ones left out).
pub fn diff(now: &LiveDetails, want: &DetailsEdit) -> Vec<DetailDiff> {
    let mut out = Vec::new();
    let mut push = |field: String, tiktok: String, ours: String| out.push(DetailDiff { field, tiktok, ours });
    if let Some(g) = want.main_images.as_ref().filter(|g| **g != now.main_images) {
        push("images".into(), gallery_text(&now.main_images), gallery_text(g));
    }
    for (id, vals) in &want.attributes {
        let have = now.attributes.get(id).map(Vec::as_slice).unwrap_or(&[]);
        if !same_values(have, vals) {
            push(format!("attribute {id}"), values_text(have), values_text(vals));
        }
    }
    if let Some(kg) = want.package_weight_kg {
        let same = now.package_weight.as_ref().is_some_and(|(v, u)| u == "KILOGRAM" && *v == kg);
        if !same {
            let have = now.package_weight.as_ref().map(|(v, u)| format!("{} {u}", v.normalize()));
            push(
                "package weight".into(),
                have.unwrap_or_else(|| "(none)".into()),
                format!("{} KILOGRAM", kg.normalize()),
            );
        }
    }
    if let Some(d) = &want.package_dimensions_cm {
        let d = Dimensions { length: whole(d.length), width: whole(d.width), height: whole(d.height) };
        let same = now.package_dimensions.as_ref().is_some_and(|(h, u)| {
            u == "CENTIMETER" && h.length == d.length && h.width == d.width && h.height == d.height
        });
        if !same {
            let have = now.package_dimensions.as_ref().map(|(h, u)| dims_text(h, u));
            push("package dimensions".into(), have.unwrap_or_else(|| "(none)".into()), dims_text(&d, "CENTIMETER"));
        }
    }
    out
}

/// The attributes to send: TikTok's whole list with the asked ones replaced or added
/// (Partial Edit replaces `product_attributes` as one property).
pub fn merged_attributes(now: &LiveDetails, want: &DetailsEdit) -> BTreeMap<String, Vec<ChosenValue>> {
    let mut all = now.attributes.clone();
    for (id, v) in &want.attributes {
        all.insert(id.clone(), v.clone());
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(id: &str, name: &str) -> ChosenValue {
        ChosenValue { id: id.into(), name: name.into() }
    }

    #[test]
    fn only_what_differs_is_a_change() {
        let now = LiveDetails {
            main_images: vec!["a".into(), "b".into()],
            attributes: [("100".to_string(), vec![val("1", "Cotton")])].into(),
            package_weight: Some((Decimal::new(5, 1), "KILOGRAM".into())),
            package_dimensions: Some((
                Dimensions { length: Decimal::from(30), width: Decimal::from(20), height: Decimal::from(5) },
                "CENTIMETER".into(),
            )),
        };
        let mut want = DetailsEdit {
            main_images: Some(vec!["a".into(), "b".into()]),
            attributes: [("100".to_string(), vec![val("", "cotton")])].into(),
            package_weight_kg: Some(Decimal::new(50, 2)),
            package_dimensions_cm: Some(Dimensions {
                length: Decimal::new(295, 1),
                width: Decimal::from(20),
                height: Decimal::from(5),
            }),
        };
        assert_eq!(diff(&now, &want), vec![]);
        want.main_images = Some(vec!["w".into(), "b".into()]);
        want.attributes.insert("200".into(), vec![val("", "Red")]);
        want.package_weight_kg = Some(Decimal::new(6, 1));
        let d = diff(&now, &want);
        let fields: Vec<&str> = d.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["images", "attribute 200", "package weight"]);
        assert_eq!(d[0].ours, "2 image(s): w, b");
        assert_eq!(d[1].tiktok, "(none)");
        assert_eq!(d[2].tiktok, "0.5 KILOGRAM");
        assert_eq!(merged_attributes(&now, &want).len(), 2);
        assert_eq!(want.fields(), ["images", "attributes", "package"]);
        assert!(DetailsEdit::default().is_empty());
    }

    #[test]
    fn tiktoks_text_rules_name_what_is_wrong() {
        assert_eq!(title_problem(&"t".repeat(255)), None);
        assert_eq!(title_problem(&"é".repeat(256)).as_deref(), Some("the title is 256 characters; TikTok allows 255"));
        assert_eq!(title_problem("  ").as_deref(), Some("the title is empty"));
        assert_eq!(description_problem(&"d".repeat(10_000)), None);
        assert_eq!(description_problem("").as_deref(), Some("the description is empty"));
        assert_eq!(
            text_problem(None, Some(&"d".repeat(10_001))).as_deref(),
            Some("the description is 10001 characters; TikTok allows 10000")
        );
        assert_eq!(text_problem(Some("ok"), None), None, "a field left as it is is not judged");
    }
}
