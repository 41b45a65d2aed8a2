//! Applying TikTok's quality suggestions from the console (CAT-NFOQUAL-SEOKEY, -TITLEDESC,
//! -EXISTDIAG, -NEWDIAG): the quality report's issues, SEO words and recommended title and
//! description are offered in one list (each with the issue it answers); the seller ticks what to
//! apply, then sees the title and description there now beside TikTok's (the ticked ones, else
//! the recommended ones) and chooses per field: keep, take TikTok's, or edit it
//! (`overlays::suggest`). The field diff (the one `listings edit` prints) comes next, and only a
//! `y` sends `ApplyQuality` with the chosen or edited texts, checked first by TikTok's rules:
//! Partial Edit through the outbox for a live product, the listing settings for a new one. SEO
//! words go at the end of the title (the picked suggested title, or the current). Esc anywhere
//! sends nothing.

use crate::domain::live_edit::{TITLE_MAX, diff_lines, text_diff, text_problem};
use crate::message::{CatalogCommand, Command, QualityField, QualityOffer};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::suggest::{Choice, Side, SuggestView};

/// Which product on which shop the offer is for.
#[derive(Clone)]
pub struct Subject {
    pub shop_id: String,
    pub store: String,
    pub handle: String,
}

/// The list of suggestions to tick; `summary` is the report's first line (the tier).
pub fn offer(app: &mut App, who: Subject, summary: &str, offer: QualityOffer) {
    let items = offer
        .choices
        .iter()
        .map(|c| {
            let label = match c.field {
                QualityField::Title => format!("title: {}", c.text),
                QualityField::Description => format!("description: {}", c.text),
                QualityField::SeoWord => format!("SEO word: {}", c.text),
                QualityField::Other => c.text.clone(),
            };
            if c.field == QualityField::Other {
                PickItem::disabled(label, &c.from)
            } else {
                PickItem::new(label, &c.from)
            }
        })
        .collect();
    let message =
        format!("{summary}. Tick what to apply; enter compares them with what is there before anything is sent.");
    let title = format!("TikTok's suggestions for {}", who.handle);
    app.push(Picker::many(title, message, items, vec![], move |app, picked, cx| chosen(app, who, offer, &picked, cx)));
}

/// The picked suggestions as a title and a description, or why they cannot go together.
pub fn compose(offer: &QualityOffer, picked: &[usize]) -> Result<(Option<String>, Option<String>), String> {
    let of = |f: QualityField| -> Vec<&str> {
        picked.iter().filter_map(|i| offer.choices.get(*i)).filter(|c| c.field == f).map(|c| c.text.as_str()).collect()
    };
    let (titles, descriptions, words) =
        (of(QualityField::Title), of(QualityField::Description), of(QualityField::SeoWord));
    if titles.len() > 1 || descriptions.len() > 1 {
        return Err("Pick one title and one description at most".into());
    }
    let mut title = titles.first().map(|t| t.to_string());
    if !words.is_empty() {
        let base = title.clone().unwrap_or_else(|| offer.title.clone());
        title = Some(format!("{} {}", base.trim_end(), words.join(" ")));
    }
    if title.as_ref().is_some_and(|t| t.chars().count() > TITLE_MAX) {
        return Err(format!("The title would pass TikTok's {TITLE_MAX} characters: pick fewer words"));
    }
    Ok((title, descriptions.first().map(|d| d.to_string())))
}

/// TikTok's text for a field when none was ticked: the recommended one, else the first suggested.
fn recommended(offer: &QualityOffer, f: QualityField) -> Option<String> {
    let of = || offer.choices.iter().filter(|c| c.field == f);
    of().find(|c| c.from.contains("recommended")).or_else(|| of().next()).map(|c| c.text.clone())
}

/// A field beside TikTok's text for it: the ticked (composed) one, taken; else the recommended
/// one, kept until the seller takes it.
fn side(field: &'static str, now: &str, picked: Option<String>, offer: &QualityOffer, f: QualityField) -> Side {
    let choice = if picked.is_some() { Choice::Take } else { Choice::Keep };
    let tiktok = picked.or_else(|| recommended(offer, f));
    Side { field, now: now.to_string(), tiktok, edited: None, choice }
}

fn chosen(app: &mut App, who: Subject, offer: QualityOffer, picked: &[usize], cx: &Cx) -> Vec<Command> {
    let (title, description) = match compose(&offer, picked) {
        Ok(x) => x,
        Err(why) => {
            app.toast(why, true, cx.now);
            return vec![];
        }
    };
    let fields = [
        side("title", &offer.title, title, &offer, QualityField::Title),
        side("description", &offer.description, description, &offer, QualityField::Description),
    ];
    if fields.iter().all(|s| s.tiktok.is_none()) {
        app.toast(
            format!("TikTok suggests no title or description for {}: nothing to apply", who.handle),
            false,
            cx.now,
        );
        return vec![];
    }
    let handle = who.handle.clone();
    app.push(SuggestView::new(handle, fields, move |app, title, description, _cx| {
        review(app, who.clone(), &offer, title, description)
    }));
    vec![]
}

/// The chosen title and description as a diff to approve; only its `y` sends them. Refused (the
/// choice stays open, saying why) when nothing changes or TikTok's rules would refuse the text.
fn review(
    app: &mut App,
    who: Subject,
    offer: &QualityOffer,
    title: Option<String>,
    description: Option<String>,
) -> Result<Vec<Command>, String> {
    if let Some(why) = text_problem(title.as_deref(), description.as_deref()) {
        return Err(format!("{why}: nothing sent"));
    }
    let changes = text_diff(&offer.title, &offer.description, title.as_deref(), description.as_deref());
    if changes.is_empty() {
        return Err(format!("{} already shows this: take or edit a field, or esc to leave it", who.handle));
    }
    let how = if offer.live {
        "Send it to TikTok? (Partial Edit through the outbox; TikTok keeps the live version until the new one passes \
         its audit.)"
    } else {
        "Keep it in the listing settings for this shop? (Used when the product is checked and listed.)"
    };
    let message = format!("{}\n\n{how}", diff_lines(&changes).join("\n"));
    let send = CatalogCommand::ApplyQuality {
        shop_id: who.shop_id,
        store: who.store,
        handle: who.handle.clone(),
        title: changes.iter().any(|c| c.field == "title").then_some(title).flatten(),
        description: changes.iter().any(|c| c.field == "description").then_some(description).flatten(),
    };
    app.push(Confirm::new(format!("Apply to {}", who.handle), message, send, false));
    Ok(vec![])
}
