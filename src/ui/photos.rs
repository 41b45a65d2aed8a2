//! Photos in the terminal (a return's buyer photos): sixel, kitty or iTerm2 where the terminal
//! answered the console's query at start, half-blocks everywhere else (over SSH too, and in the
//! snapshots). Each photo is a tile captioned with its number, matching the numbered URL lines
//! of the detail; a photo not read yet says so. Decoding and encoding happen once per photo
//! and tile size, not per frame.

use crate::store::views::ReturnPhoto;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Rect, Size};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use ratatui_image::picker::Picker;
use ratatui_image::protocol::Protocol;
use ratatui_image::{Image, Resize};

/// How the console draws pictures (chosen at start by `cli/console.rs`); `None`: not at all.
pub struct Photos(pub Option<Picker>);

impl Default for Photos {
    fn default() -> Photos {
        Photos(Some(Picker::halfblocks()))
    }
}

impl Photos {
    pub fn off() -> Photos {
        Photos(None)
    }
}

/// The width of one tile, in cells.
pub const TILE_WIDTH: u16 = 18;

/// A strip of photo tiles, with its encoded pictures kept for the size they were made for.
#[derive(Default)]
pub struct PhotoStrip {
    key: Option<(String, u16, usize)>,
    tiles: Vec<Result<Protocol, &'static str>>,
}

impl PhotoStrip {
    /// Draw `photos` side by side in `area` (as many as fit); `owner` names whose photos they are.
    pub fn render(&mut self, f: &mut Frame, area: Rect, owner: &str, photos: &[ReturnPhoto], photos_kind: &Photos) {
        let fit = (area.width / (TILE_WIDTH + 1)) as usize;
        let shown = photos.len().min(fit);
        let Some(picker) = &photos_kind.0 else { return };
        if shown == 0 || area.height < 3 {
            return;
        }
        let img_h = area.height - 1;
        let read = photos.iter().filter(|p| !p.jpeg.is_empty()).count();
        let key = (owner.to_string(), img_h, read);
        if self.key.as_ref() != Some(&key) {
            self.tiles = photos.iter().take(fit).map(|p| encode(p, TILE_WIDTH, img_h, picker)).collect();
            self.key = Some(key);
        }
        for (i, tile) in self.tiles.iter().take(shown).enumerate() {
            let x = area.x + i as u16 * (TILE_WIDTH + 1);
            let caption = Rect { x, y: area.y, width: TILE_WIDTH, height: 1 };
            f.render_widget(Paragraph::new(Span::styled(format!("photo {}", i + 1), theme::dim())), caption);
            let pic = Rect { x, y: area.y + 1, width: TILE_WIDTH, height: img_h };
            match tile {
                Ok(p) => f.render_widget(Image::new(p), pic),
                Err(why) => f.render_widget(Paragraph::new(Span::styled(*why, theme::dim())), pic),
            }
        }
    }
}

fn encode(p: &ReturnPhoto, w: u16, h: u16, picker: &Picker) -> Result<Protocol, &'static str> {
    if p.jpeg.is_empty() {
        return Err("not read yet");
    }
    picture(&p.jpeg, w, h, picker)
}

/// A picture (JPEG, PNG or WebP bytes) encoded to fill at most `w` x `h` cells.
pub fn picture(bytes: &[u8], w: u16, h: u16, picker: &Picker) -> Result<Protocol, &'static str> {
    let img = image::load_from_memory(bytes).map_err(|_| "cannot draw")?;
    picker.new_protocol(img, Size::new(w, h), Resize::Scale(None)).map_err(|_| "cannot draw")
}
