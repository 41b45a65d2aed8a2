//! TikTok's category trees as the sandbox serves them: `v1` (3 levels, the default outside the
//! US) and `v2` (deeper; US shops must use it, error 12052217). Both are built from the same
//! curated top of the tree (TikTok's real top-level categories) and grown deterministically: v2
//! splits each product kind by audience and then by style, giving about 11,000 nodes, 5 levels
//! deep. Ids are stable across runs; v1 ids start at 600000, v2 ids at 900000.

use std::collections::BTreeMap;

/// (top level, [(second level, [product kinds])]).
type Curated = [(&'static str, [(&'static str, [&'static str; 4]); 4]); 16];

const CURATED: Curated = [
    (
        "Womenswear & Underwear",
        [
            ("Women's Tops", ["T-shirts", "Blouses", "Knitwear", "Hoodies & Sweatshirts"]),
            ("Women's Bottoms", ["Jeans", "Skirts", "Trousers", "Shorts"]),
            ("Women's Dresses", ["Casual Dresses", "Party Dresses", "Maxi Dresses", "Work Dresses"]),
            ("Women's Coats & Jackets", ["Rain Jackets", "Puffer Jackets", "Blazers", "Trench Coats"]),
        ],
    ),
    (
        "Menswear & Underwear",
        [
            ("Men's Tops", ["T-shirts", "Polo Shirts", "Shirts", "Hoodies & Sweatshirts"]),
            ("Men's Bottoms", ["Jeans", "Chinos", "Joggers", "Shorts"]),
            ("Men's Coats & Jackets", ["Rain Jackets", "Puffer Jackets", "Fleece Jackets", "Bomber Jackets"]),
            ("Men's Underwear", ["Boxers", "Briefs", "Socks", "Thermal Underwear"]),
        ],
    ),
    (
        "Beauty & Personal Care",
        [
            ("Makeup", ["Foundations", "Lipsticks", "Mascaras", "Makeup Brushes"]),
            ("Skincare", ["Face Serums", "Moisturisers", "Cleansers", "Sunscreens"]),
            ("Hair Care", ["Shampoos", "Conditioners", "Hair Oils", "Hair Brushes"]),
            ("Fragrances", ["Perfumes", "Body Mists", "Colognes", "Fragrance Gift Sets"]),
        ],
    ),
    (
        "Kitchenware",
        [
            ("Drinkware", ["Mugs", "Tumblers", "Water Bottles", "Glassware"]),
            ("Cookware", ["Frying Pans", "Saucepans", "Dutch Ovens", "Woks"]),
            ("Kitchen Utensils", ["Knives", "Spatulas", "Cutting Boards", "Measuring Tools"]),
            ("Food Storage", ["Storage Jars", "Lunch Boxes", "Food Containers", "Bottles & Jars"]),
        ],
    ),
    (
        "Home Supplies",
        [
            ("Home Organisers", ["Storage Boxes", "Baskets", "Hangers", "Drawer Organisers"]),
            ("Cleaning Supplies", ["Mops", "Brushes", "Cleaning Cloths", "Household Cleaners"]),
            ("Bathroom Supplies", ["Towels", "Shower Curtains", "Bath Mats", "Soap Dispensers"]),
            ("Home Fragrances", ["Candles", "Diffusers", "Room Sprays", "Incense"]),
        ],
    ),
    (
        "Sports & Outdoor",
        [
            ("Camping & Hiking", ["Tents", "Sleeping Bags", "Backpacks", "Camping Mugs"]),
            ("Fitness Equipment", ["Dumbbells", "Yoga Mats", "Resistance Bands", "Jump Ropes"]),
            ("Cycling", ["Bike Lights", "Helmets", "Cycling Jerseys", "Bike Locks"]),
            ("Outdoor Clothing", ["Rain Jackets", "Base Layers", "Hiking Trousers", "Gloves"]),
        ],
    ),
    (
        "Phones & Electronics",
        [
            ("Phone Accessories", ["Phone Cases", "Chargers", "Cables", "Power Banks"]),
            ("Audio", ["Earphones", "Headphones", "Speakers", "Microphones"]),
            ("Cameras", ["Action Cameras", "Tripods", "Camera Bags", "Memory Cards"]),
            ("Smart Devices", ["Smart Watches", "Fitness Trackers", "Smart Plugs", "Smart Bulbs"]),
        ],
    ),
    (
        "Toys & Hobbies",
        [
            ("Educational Toys", ["Building Blocks", "Puzzles", "Science Kits", "Flash Cards"]),
            ("Dolls & Plush", ["Plush Toys", "Dolls", "Doll Houses", "Puppets"]),
            ("Outdoor Toys", ["Kites", "Water Toys", "Ride-on Toys", "Balls"]),
            ("Arts & Crafts", ["Paint Sets", "Colouring Books", "Craft Kits", "Modelling Clay"]),
        ],
    ),
    (
        "Pet Supplies",
        [
            ("Dog Supplies", ["Dog Beds", "Leashes", "Dog Toys", "Dog Bowls"]),
            ("Cat Supplies", ["Cat Trees", "Litter Boxes", "Cat Toys", "Scratchers"]),
            ("Aquarium Supplies", ["Fish Tanks", "Filters", "Aquarium Decor", "Fish Food"]),
            ("Small Pet Supplies", ["Cages", "Bedding", "Hay Feeders", "Water Bottles"]),
        ],
    ),
    (
        "Baby & Maternity",
        [
            ("Baby Feeding", ["Baby Bottles", "Bibs", "High Chairs", "Sippy Cups"]),
            ("Baby Care", ["Nappies", "Baby Wipes", "Baby Lotions", "Bath Tubs"]),
            ("Baby Clothing", ["Bodysuits", "Sleepsuits", "Baby Hats", "Baby Socks"]),
            ("Maternity", ["Maternity Dresses", "Nursing Bras", "Pregnancy Pillows", "Belly Bands"]),
        ],
    ),
    (
        "Food & Beverages",
        [
            ("Snacks", ["Crisps", "Chocolate", "Nuts", "Biscuits"]),
            ("Drinks", ["Teas", "Coffee", "Juices", "Energy Drinks"]),
            ("Pantry", ["Sauces", "Spices", "Pasta", "Cereals"]),
            ("Confectionery", ["Sweets", "Gum", "Mints", "Lollipops"]),
        ],
    ),
    (
        "Shoes",
        [
            ("Women's Shoes", ["Trainers", "Boots", "Sandals", "Heels"]),
            ("Men's Shoes", ["Trainers", "Boots", "Loafers", "Sandals"]),
            ("Kids' Shoes", ["School Shoes", "Trainers", "Wellies", "Slippers"]),
            ("Shoe Care", ["Insoles", "Shoe Polish", "Laces", "Shoe Trees"]),
        ],
    ),
    (
        "Luggage & Bags",
        [
            ("Travel Bags", ["Suitcases", "Duffel Bags", "Packing Cubes", "Travel Wallets"]),
            ("Backpacks", ["School Backpacks", "Laptop Backpacks", "Hiking Backpacks", "Mini Backpacks"]),
            ("Handbags", ["Tote Bags", "Crossbody Bags", "Clutches", "Shoulder Bags"]),
            ("Wallets", ["Card Holders", "Coin Purses", "Bifold Wallets", "Phone Wallets"]),
        ],
    ),
    (
        "Household Appliances",
        [
            ("Kitchen Appliances", ["Kettles", "Blenders", "Air Fryers", "Toasters"]),
            ("Cleaning Appliances", ["Vacuum Cleaners", "Steam Mops", "Window Cleaners", "Robot Vacuums"]),
            (
                "Personal Care Appliances",
                ["Hair Dryers", "Hair Straighteners", "Electric Shavers", "Electric Toothbrushes"],
            ),
            ("Climate Control", ["Fans", "Heaters", "Humidifiers", "Dehumidifiers"]),
        ],
    ),
    (
        "Tools & Hardware",
        [
            ("Power Tools", ["Drills", "Saws", "Sanders", "Screwdrivers"]),
            ("Hand Tools", ["Hammers", "Spanners", "Pliers", "Tool Sets"]),
            ("Measuring Tools", ["Tape Measures", "Spirit Levels", "Laser Measures", "Callipers"]),
            ("Hardware", ["Screws", "Hooks", "Locks", "Hinges"]),
        ],
    ),
    (
        "Health",
        [
            ("Vitamins & Supplements", ["Multivitamins", "Protein Powders", "Fish Oils", "Probiotics"]),
            ("Medical Supplies", ["First Aid Kits", "Thermometers", "Blood Pressure Monitors", "Plasters"]),
            ("Massage & Relaxation", ["Massage Guns", "Heat Pads", "Massage Oils", "Eye Masks"]),
            ("Oral Care", ["Toothpaste", "Mouthwash", "Dental Floss", "Whitening Kits"]),
        ],
    ),
];

const AUDIENCES: [&str; 4] = ["Women's", "Men's", "Kids'", "Unisex"];
const STYLES: [&str; 10] =
    ["Classic", "Premium", "Eco", "Travel", "Vintage", "Sport", "Compact", "Deluxe", "Everyday", "Gift"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    pub parent_id: String,
    pub name: String,
    pub is_leaf: bool,
    /// AVAILABLE, INVITE_ONLY or NON_MAIN_CATEGORY.
    pub permission: &'static str,
    /// The top-level category it is under (for rules and attributes).
    pub top: &'static str,
    pub level: u32,
}

#[derive(Clone, Debug, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
    by_id: BTreeMap<String, usize>,
}

impl Tree {
    fn push(&mut self, parent: &str, name: String, top: &'static str, level: u32, is_leaf: bool, base: u32) -> String {
        let id = (base + self.nodes.len() as u32 + 1).to_string();
        // Food is restricted: selling it needs an application in the Qualification Center.
        let permission = if top == "Food & Beverages" { "INVITE_ONLY" } else { "AVAILABLE" };
        self.by_id.insert(id.clone(), self.nodes.len());
        self.nodes.push(Node { id: id.clone(), parent_id: parent.into(), name, is_leaf, permission, top, level });
        id
    }

    /// The 3-level tree: top > second > product kind.
    pub fn v1() -> Tree {
        let mut t = Tree::default();
        for (top, seconds) in CURATED {
            let tid = t.push("0", top.into(), top, 1, false, 600_000);
            for (second, kinds) in seconds {
                let sid = t.push(&tid, second.into(), top, 2, false, 600_000);
                for kind in kinds {
                    t.push(&sid, kind.into(), top, 3, true, 600_000);
                }
            }
        }
        t
    }

    /// The deeper tree: top > second > kind > audience kind > style kind (leaves).
    pub fn v2() -> Tree {
        let mut t = Tree::default();
        for (top, seconds) in CURATED {
            let tid = t.push("0", top.into(), top, 1, false, 900_000);
            for (second, kinds) in seconds {
                let sid = t.push(&tid, second.into(), top, 2, false, 900_000);
                for kind in kinds {
                    let kid = t.push(&sid, kind.into(), top, 3, false, 900_000);
                    let audiences: &[&str] =
                        if second.contains("Women's") || second.contains("Men's") || second.contains("Kids'") {
                            &[""]
                        } else {
                            &AUDIENCES
                        };
                    for audience in audiences {
                        let aname =
                            if audience.is_empty() { format!("All {kind}") } else { format!("{audience} {kind}") };
                        let aid = t.push(&kid, aname.clone(), top, 4, false, 900_000);
                        for style in STYLES {
                            t.push(&aid, format!("{style} {aname}").replace("All ", ""), top, 5, true, 900_000);
                        }
                    }
                }
            }
        }
        t
    }

    pub fn get(&self, id: &str) -> Option<&Node> {
        self.by_id.get(id).map(|i| &self.nodes[*i])
    }

    /// The path from the root to `id`.
    pub fn chain(&self, id: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut cur = self.get(id);
        while let Some(n) = cur {
            out.push(n);
            cur = self.get(&n.parent_id);
        }
        out.reverse();
        out
    }

    /// Leaves whose name (or an ancestor's) shares the most words with `text`, best first.
    pub fn recommend(&self, text: &str) -> Option<&Node> {
        let words: Vec<String> = tokens(text);
        if words.is_empty() {
            return None;
        }
        let mut best: Option<(usize, usize, &Node)> = None;
        for n in self.nodes.iter().filter(|n| n.is_leaf) {
            let chain = self.chain(&n.id);
            let mut score = 0;
            for (depth, c) in chain.iter().enumerate() {
                let hits = tokens(&c.name).iter().filter(|w| words.contains(w)).count();
                score += hits * (depth + 1);
            }
            // Prefer the shallower leaf on equal scores (a plain "Mugs" over "Vintage Unisex Mugs").
            let key = (score, usize::MAX - n.name.len());
            if score > 0 && best.as_ref().is_none_or(|b| (b.0, b.1) < key) {
                best = Some((key.0, key.1, n));
            }
        }
        best.map(|b| b.2)
    }
}

/// Lower-case words without plural endings, for keyword matching.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(|w| {
            let w = w.to_lowercase();
            w.strip_suffix("es")
                .filter(|s| s.ends_with("sh") || s.ends_with("ch"))
                .map(String::from)
                .unwrap_or_else(|| w.trim_end_matches('s').to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_have_realistic_sizes_and_stable_ids() {
        let v1 = Tree::v1();
        let v2 = Tree::v2();
        assert_eq!(v1.nodes.len(), 16 + 64 + 256);
        assert!(v2.nodes.len() > 10_000, "{}", v2.nodes.len());
        assert_eq!(v1.nodes[0].id, "600001");
        assert_eq!(v2.chain(&v2.nodes.last().map(|n| n.id.clone()).unwrap_or_default()).len(), 5);
        assert!(v2.nodes.iter().filter(|n| n.is_leaf).all(|n| n.level == 5));
    }

    #[test]
    fn recommendation_follows_the_words() {
        let v1 = Tree::v1();
        let mug = v1.recommend("Enamel Camping Mug, chip-resistant").map(|n| n.name.clone());
        assert_eq!(mug.as_deref(), Some("Camping Mugs"));
        let serum = v1.recommend("Vitamin C Face Serum 30 ml").map(|n| n.name.clone());
        assert_eq!(serum.as_deref(), Some("Face Serums"));
        assert!(v1.recommend("zzz qqq").is_none());
    }
}
