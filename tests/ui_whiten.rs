//! The white background from the Listings pane (`W`): the engine is asked, its before and after
//! are shown (both paths, both pictures drawn), and only `y` sends `ApplyWhiten`; any other key
//! sends nothing; a read-only console is not offered the key.

use crate::ui;
use crate::ui_listing_flows::{listings_at, only};
use crossterm::event::KeyCode;
use tokshop::message::{CatalogAnswer, CatalogCommand, Update, WhiteImage};
use tokshop::ui::overlays::whiten::WhitenView;
use ui::order_data::US;
use ui::*;

/// A 24 x 24 PNG: a dark square on `background`.
fn png(background: [u8; 3]) -> Vec<u8> {
    let img = image::RgbImage::from_fn(24, 24, |x, y| {
        if (6..18).contains(&x) && (6..18).contains(&y) { image::Rgb([40, 20, 10]) } else { image::Rgb(background) }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).expect("png");
    out.into_inner()
}

fn answer(handle: &str, status: &str) -> Update {
    let image = WhiteImage {
        live: true,
        status: status.into(),
        optimized_uri: "tos-useast5-i-omjb5zjo8w-tx/white-1".into(),
        width: 800,
        height: 800,
        before_path: "/data/images/whitened/US/bamboo-brush-set.before.jpg".into(),
        after_path: "/data/images/whitened/US/bamboo-brush-set.png".into(),
        before: png([120, 160, 200]),
        after: png([255, 255, 255]),
    };
    Update::from(CatalogAnswer::Whitened { shop_id: US.into(), handle: handle.into(), image: Box::new(image) })
}

#[test]
fn w_asks_the_engine_shows_before_and_after_and_y_applies() {
    let (views, mut a) = listings_at(0);
    let CatalogCommand::Whiten { shop_id, store, handle } = only(key(&mut a, &views, KeyCode::Char('W'))) else {
        panic!("a whiten command")
    };
    assert_eq!((shop_id.as_str(), handle.as_str()), (US, "bamboo-brush-set"));
    // Another product's answer is not this one's.
    a.on_update(answer("enamel-mug", "SUCCESS"), &views, NOW);
    assert!(a.top::<WhitenView>().is_none());
    a.on_update(answer("bamboo-brush-set", "SUCCESS"), &views, NOW);
    let v = a.top::<WhitenView>().expect("the before and after to approve");
    assert_eq!(v.store, store);
    let screen = draw(&mut a, 120, 40);
    for want in ["bamboo-brush-set.before.jpg", "bamboo-brush-set.png (800 x 800)", "before", "after", "y apply"] {
        assert!(screen.contains(want), "{want} missing:\n{screen}");
    }
    assert!(screen.contains('▀') || screen.contains('▄'), "the pictures are drawn:\n{screen}");
    crate::snap!("listings_whiten_80x24", draw(&mut a, 80, 24));
    crate::snap!("listings_whiten_120x40", draw(&mut a, 120, 40));
    let CatalogCommand::ApplyWhiten { shop_id, handle, optimized_uri, .. } =
        only(key(&mut a, &views, KeyCode::Char('y')))
    else {
        panic!("the white image applied")
    };
    assert_eq!((shop_id.as_str(), handle.as_str()), (US, "bamboo-brush-set"));
    assert_eq!(optimized_uri, "tos-useast5-i-omjb5zjo8w-tx/white-1");
    assert!(a.top::<WhitenView>().is_none());
}

#[test]
fn any_other_key_leaves_the_product_unchanged() {
    for k in [KeyCode::Char('n'), KeyCode::Esc, KeyCode::Enter, KeyCode::Char('x')] {
        let (views, mut a) = listings_at(0);
        key(&mut a, &views, KeyCode::Char('W'));
        a.on_update(answer("bamboo-brush-set", "SUCCESS"), &views, NOW);
        assert!(a.top::<WhitenView>().is_some());
        assert!(key(&mut a, &views, k).is_empty(), "{k:?} sends nothing");
        assert!(a.top::<WhitenView>().is_none(), "{k:?} closes the view");
        assert!(draw(&mut a, 120, 40).contains("left unchanged"), "{k:?}");
    }
}

#[test]
fn an_image_optimized_before_is_only_said_and_read_only_is_not_offered_the_key() {
    let (views, mut a) = listings_at(0);
    key(&mut a, &views, KeyCode::Char('W'));
    a.on_update(answer("bamboo-brush-set", "IGNORE"), &views, NOW);
    assert!(a.top::<WhitenView>().is_none(), "nothing to approve");
    assert!(draw(&mut a, 120, 40).contains("optimized before"));

    let views = loaded();
    let mut r = app(true, &views);
    press(&mut r, &views, "go-listings");
    let screen = draw(&mut r, 120, 40);
    assert!(!screen.contains("white bg"), "no hint offers it:\n{screen}");
    assert!(key(&mut r, &views, KeyCode::Char('W')).is_empty(), "read-only sends no whiten");
    assert!(draw(&mut r, 120, 40).contains("Not in read-only mode: white bg"), "refused, and said");
}
