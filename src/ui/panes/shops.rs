//! The Shops pane: stores and the TikTok shops linked to each, with connection status,
//! token and authorization expiry, and the actions to connect, re-authorize, refresh and
//! disconnect (SHOP-CONN-SINGLE, SHOP-CONN-MULTI, SHOP-DISCON-SINGLE, SHOP-MAN-MULTI).

use crate::domain::role::Capability;
use crate::domain::shop::ShopStatus;
use crate::domain::time::{date, relative};
use crate::message::Topic;
use crate::store::views::{ShopLine, ShopsRow, ShopsView};
use crate::ui::action::Action;
use crate::ui::flows::shops;
use crate::ui::list_state::Cursor;
use crate::ui::notice::{cannot_show, notice};
use crate::ui::pane::{Nav, Pane, PaneSpec};
use crate::ui::shared::Shared;
use crate::ui::{Cx, RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

pub const CONNECT_SHOP: Action =
    Action::new("connect-shop", "connect", "connect TikTok shops to a store", shops::connect).writes(Capability::Shops);
pub const REAUTHORIZE_SHOP: Action =
    Action::new("reauthorize-shop", "reauthorize", "re-authorize the selected shop", shops::reauthorize_selected)
        .writes(Capability::Shops);
pub const DISCONNECT_SHOP: Action =
    Action::new("disconnect-shop", "disconnect", "disconnect the selected shop", shops::disconnect)
        .dangerous(Capability::Shops);
pub const REFRESH_TOKEN: Action =
    Action::new("refresh-token", "refresh", "refresh the shop's access token now", shops::refresh_token)
        .writes(Capability::Shops);
pub const ADD_STORE: Action =
    Action::new("add-store", "add store", "add a platform store", shops::add_store).writes(Capability::Shops);
pub const REMOVE_STORE: Action =
    Action::new("remove-store", "remove store", "remove the selected store", shops::remove_store)
        .dangerous(Capability::Shops);

pub const SPEC: PaneSpec = PaneSpec {
    table: "shops",
    title: "Shops",
    short: "Shp",
    help: "Shops",
    go: Action::new("go-shops", "shops", "go to Shops", |app, cx| {
        app.show::<ShopsPane>(cx);
        vec![]
    }),
    key: 's',
    actions: &[&CONNECT_SHOP, &REAUTHORIZE_SHOP, &DISCONNECT_SHOP, &REFRESH_TOKEN, &ADD_STORE, &REMOVE_STORE],
};

#[derive(Default)]
pub struct ShopsPane {
    pub cursor: Cursor,
    page: usize,
    len: usize,
}

impl ShopsPane {
    pub fn selected<'a>(&self, shared: &'a Shared) -> Option<&'a ShopsRow> {
        shared.shops.ready().and_then(|v| v.rows.get(self.cursor.selected))
    }

    pub fn selected_shop<'a>(&self, shared: &'a Shared) -> Option<&'a ShopLine> {
        match self.selected(shared) {
            Some(ShopsRow::Shop(l)) => Some(l),
            _ => None,
        }
    }

    /// The store of the selected row (a store row, or the store of a shop row).
    pub fn selected_store(&self, shared: &Shared) -> Option<String> {
        match self.selected(shared)? {
            ShopsRow::Store { name, .. } => Some(name.clone()),
            ShopsRow::Shop(l) => Some(l.shop.store.clone()),
        }
    }
}

impl Pane for ShopsPane {
    fn spec(&self) -> &'static PaneSpec {
        &SPEC
    }

    fn watches(&self, topic: &Topic, _shared: &Shared) -> bool {
        *topic == Topic::Shops
    }

    /// The shops view is shared (the app reads it): only the selection follows it.
    fn load(&mut self, _cx: &Cx, shared: &Shared) {
        self.len = shared.shops.ready().map(|v| v.rows.len()).unwrap_or(0);
        self.cursor.clamp(self.len);
    }

    fn navigate(&mut self, nav: Nav, _cx: &Cx, shared: &Shared) {
        self.len = shared.shops.ready().map(|v| v.rows.len()).unwrap_or(0);
        self.cursor.navigate(nav, self.len, self.page);
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        self.draw(f, area, ctx);
    }
}

impl ShopsPane {
    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let view = ctx.shared.shops_view();
        let block = Block::default().borders(Borders::ALL).title(Span::styled(" Shops ", theme::title()));
        if let Some(e) = ctx.shared.shops.error() {
            return notice(f, area, Some(block), cannot_show("shops", e));
        }
        if view.rows.is_empty() {
            let add = ctx.keys(&ADD_STORE);
            let connect = ctx.keys(&CONNECT_SHOP);
            let text = if !ctx.access.can(Capability::Shops) {
                vec![
                    Line::from("No stores or shops yet."),
                    Line::styled("Read-only: ask an operator to connect shops.", theme::dim()),
                ]
            } else {
                vec![
                    Line::from("No stores or shops yet."),
                    Line::from(vec![
                        Span::raw("Press "),
                        Span::styled(add, theme::key()),
                        Span::raw(" to add a store, then "),
                        Span::styled(connect, theme::key()),
                        Span::raw(" to connect TikTok shops to it."),
                    ]),
                ]
            };
            f.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: true }), area);
            return;
        }
        let [table_area, detail_area] = Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(area);
        let wide = area.width >= 110;
        let inner_height = table_area.height.saturating_sub(3) as usize;
        self.page = inner_height.max(1);
        let offset = self.cursor.scroll(inner_height);
        let header: Vec<&str> = if wide {
            vec!["Shop", "Shop ID", "Region", "Type", "Status", "Token", "Authorized until"]
        } else {
            vec!["Shop", "Region", "Status", "Token", "Authorized"]
        };
        let widths: Vec<Constraint> = if wide {
            vec![
                Constraint::Fill(1),
                Constraint::Length(19),
                Constraint::Length(6),
                Constraint::Length(12),
                Constraint::Length(26),
                Constraint::Length(7),
                Constraint::Length(16),
            ]
        } else {
            vec![
                Constraint::Fill(3),
                Constraint::Length(6),
                Constraint::Fill(3),
                Constraint::Length(6),
                Constraint::Length(10),
            ]
        };
        let cols = crate::ui::chrome::boxed_columns(table_area, &widths, 1);
        let rows: Vec<Row> = view
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(inner_height)
            .map(|(i, r)| {
                let row = match r {
                    ShopsRow::Store { name, live_shops } => {
                        let n = format!("{live_shops} shop{}", if *live_shops == 1 { "" } else { "s" });
                        let mut cells = vec![Span::styled(format!("▸ {name}"), theme::header())];
                        cells.extend((1..header.len()).map(|c| {
                            if c == (if wide { 4 } else { 2 }) {
                                Span::styled(n.clone(), theme::dim())
                            } else {
                                Span::from("")
                            }
                        }));
                        crate::ui::chrome::fit_row(cells, &cols)
                    }
                    ShopsRow::Shop(l) => shop_row(l, wide, ctx.now, &cols),
                };
                if i == self.cursor.selected { row.style(theme::selected()) } else { row }
            })
            .collect();
        let table = Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
            .block(block)
            .column_spacing(1);
        f.render_widget(table, table_area);
        f.render_widget(Paragraph::new(self.detail(&view, ctx)).wrap(Wrap { trim: true }), detail_area);
    }

    fn detail(&self, view: &ShopsView, ctx: &RenderCtx) -> Vec<Line<'static>> {
        match view.rows.get(self.cursor.selected) {
            Some(ShopsRow::Shop(l)) => {
                let s = &l.shop;
                let mut v = vec![Line::from(vec![
                    Span::styled(format!("{} ", s.name), theme::title()),
                    Span::styled(
                        format!(
                            "shop {} · code {}{}",
                            s.id,
                            s.code,
                            if l.seller.is_empty() { String::new() } else { format!(" · seller {}", l.seller) }
                        ),
                        theme::dim(),
                    ),
                ])];
                let state = match &s.status {
                    ShopStatus::ReauthorizeBy(t) => {
                        format!("The seller must re-authorize by {} ({}).", date(*t), relative(*t, ctx.now))
                    }
                    ShopStatus::ReauthorizationRequired => {
                        "Token refresh failed or the authorization ended: re-authorize to resume sync.".into()
                    }
                    ShopStatus::Deauthorized => {
                        "The seller removed the app: sync stopped. Re-authorize, or disconnect to clean up.".into()
                    }
                    ShopStatus::Disconnected => format!("Disconnected {}; its history is kept.", date(s.updated_at)),
                    ShopStatus::Active => format!("Connected {} to store {}.", date(s.connected_at), s.store),
                };
                v.push(Line::from(state));
                v
            }
            Some(ShopsRow::Store { name, live_shops }) => vec![Line::from(vec![
                Span::styled(format!("Store {name} "), theme::title()),
                Span::styled(
                    format!("· {live_shops} connected shop(s) · {} to connect more", ctx.keys(&CONNECT_SHOP)),
                    theme::dim(),
                ),
            ])],
            None => vec![],
        }
    }
}

pub fn status_span(status: &ShopStatus) -> Span<'static> {
    let style: Style = match status {
        ShopStatus::Active => theme::ok(),
        ShopStatus::ReauthorizeBy(_) => theme::warn(),
        ShopStatus::ReauthorizationRequired | ShopStatus::Deauthorized => theme::error(),
        ShopStatus::Disconnected => theme::dim(),
    };
    Span::styled(status.label(), style)
}

fn shop_row(l: &ShopLine, wide: bool, now: i64, cols: &[u16]) -> Row<'static> {
    let s = &l.shop;
    let dim = s.status == ShopStatus::Disconnected;
    let token = l.access_expires.map(|t| relative(t, now)).unwrap_or_else(|| "-".into());
    let auth = l.authorization_expires.map(date).unwrap_or_else(|| "-".into());
    let name = Span::from(format!("  {}", s.name));
    let row = if wide {
        crate::ui::chrome::fit_row(
            vec![
                name,
                Span::from(s.id.clone()),
                Span::from(s.region.clone()),
                Span::from(s.seller_type.as_wire().to_string()),
                status_span(&s.status),
                Span::from(token),
                Span::from(auth),
            ],
            cols,
        )
    } else {
        crate::ui::chrome::fit_row(
            vec![name, Span::from(s.region.clone()), status_span(&s.status), Span::from(token), Span::from(auth)],
            cols,
        )
    };
    if dim { row.style(theme::dim()) } else { row }
}
