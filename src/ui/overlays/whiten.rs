//! The white background's before and after for the seller's approval (CAT-NFOQUAL-WHTBGIMG,
//! CAT-NFOQUAL-AUTOWHTBG): the two files written, the two pictures drawn side by side the way the
//! Returns pane draws photos (sixel, kitty, iTerm2 or half-blocks), and one question. Only `y`
//! sends `ApplyWhiten`; any other key leaves the product as it is.

use crate::domain::text::inert_line;
use crate::message::{CatalogCommand, WhiteImage};
use crate::ui::keymap::Keymap;
use crate::ui::overlay::{Overlay, Reply};
use crate::ui::photos::picture;
use crate::ui::{RenderCtx, theme};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_image::Image;
use ratatui_image::protocol::Protocol;
use std::cell::RefCell;

/// The rows above the pictures (the two paths, wrapped) and below them (the question).
const TEXT_ROWS: u16 = 4;
const ASK_ROWS: u16 = 2;

type Tiles = Vec<Result<Protocol, &'static str>>;

pub struct WhitenView {
    pub shop_id: String,
    pub store: String,
    pub handle: String,
    pub image: WhiteImage,
    /// The encoded before and after, for the tile size they were made for.
    tiles: RefCell<Option<((u16, u16), Tiles)>>,
}

impl WhitenView {
    pub fn new(shop_id: String, store: String, handle: String, image: WhiteImage) -> Box<WhitenView> {
        Box::new(WhitenView { shop_id, store, handle, image, tiles: RefCell::new(None) })
    }

    /// What `y` sends.
    pub fn apply(&self) -> CatalogCommand {
        CatalogCommand::ApplyWhiten {
            shop_id: self.shop_id.clone(),
            store: self.store.clone(),
            handle: self.handle.clone(),
            optimized_uri: self.image.optimized_uri.clone(),
        }
    }

    fn text(&self) -> Vec<Line<'static>> {
        let i = &self.image;
        vec![
            Line::from(vec![
                Span::styled("before: ", theme::dim()),
                Span::raw(inert_line(&i.before_path).into_owned()),
            ]),
            Line::from(vec![
                Span::styled("after:  ", theme::dim()),
                Span::raw(format!("{} ({} x {})", inert_line(&i.after_path), i.width, i.height)),
            ]),
        ]
    }

    fn ask(&self) -> Line<'static> {
        let how = if self.image.live {
            " apply: TikTok's gallery gets it as the first image (Partial Edit through the outbox)"
        } else {
            " apply: the listing settings for this shop keep it as the first image"
        };
        Line::from(vec![
            Span::styled("y", theme::key()),
            Span::raw(how),
            Span::raw("   any other key: leave it unchanged"),
        ])
    }

    /// The before and after side by side in `area`, each captioned.
    fn pictures(&self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let Some(picker) = &ctx.shared.photos.0 else { return };
        if area.height < 3 || area.width < 9 {
            return;
        }
        let w = (area.width - 1) / 2;
        let size = (w, area.height - 1);
        let mut cache = self.tiles.borrow_mut();
        if cache.as_ref().map(|(s, _)| *s) != Some(size) {
            let tiles = [&self.image.before, &self.image.after]
                .into_iter()
                .map(|b| if b.is_empty() { Err("cannot draw") } else { picture(b, size.0, size.1, picker) })
                .collect();
            *cache = Some((size, tiles));
        }
        let Some((_, tiles)) = cache.as_ref() else { return };
        for (i, (tile, caption)) in tiles.iter().zip(["before", "after"]).enumerate() {
            let x = area.x + i as u16 * (w + 1);
            f.render_widget(
                Paragraph::new(Span::styled(caption, theme::dim())),
                Rect { height: 1, width: w, x, ..area },
            );
            let pic = Rect { x, y: area.y + 1, width: w, height: size.1 };
            match tile {
                Ok(p) => f.render_widget(Image::new(p), pic),
                Err(why) => f.render_widget(Paragraph::new(Span::styled(*why, theme::dim())), pic),
            }
        }
    }
}

impl Overlay for WhitenView {
    fn on_key(&mut self, key: KeyEvent, _keymap: &Keymap) -> Reply {
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => Reply::Send(vec![self.apply().into()]),
            _ => {
                let handle = self.handle.clone();
                Reply::Next(Box::new(move |app, cx| {
                    app.toast(format!("{handle} left unchanged"), false, cx.now);
                    Ok(vec![])
                }))
            }
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let inner =
            super::approval_box(f, area, 100, 32, format!(" White background for {} ", inert_line(&self.handle)));
        let text_h = TEXT_ROWS.min(inner.height);
        f.render_widget(Paragraph::new(self.text()).wrap(Wrap { trim: false }), Rect { height: text_h, ..inner });
        let ask_h = ASK_ROWS.min(inner.height - text_h);
        let ask = Rect { y: inner.y + inner.height - ask_h, height: ask_h, ..inner };
        f.render_widget(Paragraph::new(self.ask()).wrap(Wrap { trim: false }), ask);
        let pics = Rect { y: inner.y + text_h, height: inner.height - text_h - ask_h, ..inner };
        self.pictures(f, pics, ctx);
    }
}
