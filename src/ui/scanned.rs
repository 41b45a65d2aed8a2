//! What the console does with its input once the [scanner](super::scan) has told scans from
//! typing: a key goes the usual way (`keys.rs`); a scan is never a command. In a text field the
//! code is typed (Enter stays the person's); over a dialog it is refused; anywhere else it opens
//! what it names: an order's detail, the orders of a package or tracking number, a SKU's orders
//! waiting to ship, a return; "nothing matches CODE" otherwise.

use super::app::App;
use super::overlay::OnScan;
use super::overlays::confirm::Confirm;
use super::panes::orders::{self, OrdersPane};
use super::panes::returns;
use super::scan::Input;
use super::{Cx, ViewSource};
use crate::message::Command;
use crate::store::views::Scanned;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl App {
    /// One input from the scanner: a key (typed, or let go from a fast burst) or a scan.
    pub fn on_input(&mut self, input: Input, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        match input {
            Input::Key { burst: true, .. } if self.top::<Confirm>().is_some_and(|c| c.danger) => {
                // A dangerous confirmation takes only a key pressed on its own, never one of a burst.
                self.toast("Not confirmed: keys came too fast to be typed; press y on its own", true, now);
                vec![]
            }
            Input::Key { key, .. } => self.on_key(key, views, now),
            Input::Scan(code) => self.on_scan(&code, views, now),
        }
    }

    /// A scanned code.
    pub fn on_scan(&mut self, code: &str, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        self.pending.clear();
        let cx = Cx { views, now };
        let typing = match self.overlays.last().map(|o| o.on_scan()) {
            Some(OnScan::Type) => true,
            Some(_) if self.overlays.iter().any(|o| o.on_scan() != OnScan::Give) => {
                self.toast(format!("Scanned {code}, not used: answer or close this dialog first (esc)"), true, now);
                return vec![];
            }
            Some(_) => {
                self.overlays.clear();
                false
            }
            None => self.current_pane().typing(),
        };
        if typing {
            let keys = code.chars().map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            let out = keys.flat_map(|k| self.on_key(k, views, now)).collect();
            self.toast(format!("Scanned {code} into the field: enter to use it"), false, now);
            return out;
        }
        match views.scan(code) {
            Err(e) => self.toast(format!("Cannot look up {code}: {e}"), true, now),
            Ok(Scanned::Nothing) => self.toast(format!("Nothing matches {code}"), true, now),
            Ok(Scanned::Return { what, id }) => {
                returns::open(self, &id, &cx);
                self.toast(format!("Scanned {what}: return {id}"), false, now);
            }
            Ok(Scanned::Orders { what, ids }) => self.scanned_orders(what, ids, &cx),
            Ok(Scanned::Sku { sku, ids }) if ids.is_empty() => {
                self.toast(format!("Scanned SKU {sku}: no order waits to ship"), false, now)
            }
            Ok(Scanned::Sku { sku, ids }) => self.scanned_orders(format!("SKU {sku} waiting to ship"), ids, &cx),
        }
        vec![]
    }

    /// One order opens its detail; several show in Orders, and only them (esc shows all again).
    fn scanned_orders(&mut self, what: String, ids: Vec<String>, cx: &Cx) {
        self.show::<OrdersPane>(cx);
        if let [id] = ids.as_slice() {
            orders::detail::open(self, id, cx);
            if self.top::<orders::detail::OrderDetail>().is_some() {
                self.toast(format!("Scanned {what}"), false, cx.now);
            }
            return;
        }
        let n = ids.len();
        if let Some(p) = self.pane_mut::<OrdersPane>() {
            p.show_only(what.clone(), ids, cx);
        }
        self.toast(format!("Scanned {what}: {n} orders"), false, cx.now);
    }
}
