//! What each leaf category asks for: rules (certifications, size chart, package dimensions) and
//! attributes (sales and product properties, some conditional). Decided by the top-level
//! category so every leaf of a kind behaves the same.
//!
//! Dangerous goods: TikTok asks hazmat questions as product attributes (Seller University,
//! "Dangerous Goods Policy" and "TikTok for Rithum: Product Listing Management": battery type and
//! the like, with an SDS or UN38.3 report for lithium batteries). The sandbox models that with
//! three attributes in every leaf: 101610 "Dangerous Goods or Hazardous Materials" (No/Yes),
//! 101611 "Hazardous Material Type" required when 101610 = Yes, and 101612 "Battery Type" required
//! when 101611 = Lithium batteries; the SDS certification is required when 101610 = Yes and the
//! UN38.3 report when 101611 = Lithium batteries (`requirement_conditions`, VALUE_ID_MATCH). The
//! ids 101610 / 1024358 are those of the official Get Attributes and Get Category Rules samples.

use super::tree::Node;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cond {
    pub attribute_id: &'static str,
    pub value_id: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cert {
    pub id: &'static str,
    pub name: &'static str,
    pub is_required: bool,
    pub details: &'static str,
    pub conditions: Vec<Cond>,
    pub expiration_required: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    pub certifications: Vec<Cert>,
    pub size_chart_supported: bool,
    pub size_chart_required: bool,
    pub package_dimension_required: bool,
    pub cod_supported: bool,
    /// Special product types the shop may list here (Get Category Rules names PRE_ORDER for the
    /// US; the sandbox allows it in every US leaf and nothing elsewhere).
    pub special_product_types: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    pub id: &'static str,
    pub name: &'static str,
    /// SALES_PROPERTY or PRODUCT_PROPERTY.
    pub kind: &'static str,
    pub required: bool,
    pub customizable: bool,
    pub multiple: bool,
    pub values: Vec<(&'static str, &'static str)>,
    pub conditions: Vec<Cond>,
}

pub const HAZMAT: &str = "101610";
pub const HAZMAT_NO: &str = "1024357";
pub const HAZMAT_YES: &str = "1024358";
pub const HAZMAT_TYPE: &str = "101611";
pub const LITHIUM: &str = "1024400";
pub const BATTERY_TYPE: &str = "101612";

fn apparel(top: &str) -> bool {
    matches!(top, "Womenswear & Underwear" | "Menswear & Underwear" | "Shoes")
}

pub fn rules(leaf: &Node, region: &str) -> Rules {
    let mut certs = vec![
        Cert {
            id: "700101",
            name: "Safety Data Sheet (SDS)",
            is_required: false,
            details: "Upload the manufacturer's Safety Data Sheet for this exact product (PDF or image).",
            conditions: vec![Cond { attribute_id: HAZMAT, value_id: HAZMAT_YES }],
            expiration_required: false,
        },
        Cert {
            id: "700102",
            name: "UN38.3 Test Summary",
            is_required: false,
            details: "Lithium batteries: upload the UN38.3 test summary matching the battery model.",
            conditions: vec![Cond { attribute_id: HAZMAT_TYPE, value_id: LITHIUM }],
            expiration_required: true,
        },
    ];
    match leaf.top {
        "Toys & Hobbies" | "Baby & Maternity" => certs.push(Cert {
            id: "700201",
            name: "Children's Product Certificate (CPC)",
            is_required: true,
            details: "A CPC from a CPSC-accepted laboratory, naming this product and its model.",
            conditions: vec![],
            expiration_required: false,
        }),
        "Phones & Electronics" | "Household Appliances" => certs.push(Cert {
            id: "700301",
            name: "FCC Declaration of Conformity",
            is_required: true,
            details: "The supplier's declaration of conformity for the device (PDF).",
            conditions: vec![],
            expiration_required: false,
        }),
        _ => {}
    }
    Rules {
        certifications: certs,
        size_chart_supported: apparel(leaf.top),
        size_chart_required: apparel(leaf.top),
        package_dimension_required: region == "US" || apparel(leaf.top),
        cod_supported: false,
        special_product_types: if region == "US" { vec!["PRE_ORDER"] } else { vec![] },
    }
}

pub fn attributes(leaf: &Node) -> Vec<Attr> {
    let mut out = vec![Attr {
        id: "100000",
        name: "Color",
        kind: "SALES_PROPERTY",
        required: false,
        customizable: true,
        multiple: false,
        values: vec![
            ("1000001", "Black"),
            ("1000002", "White"),
            ("1000003", "Navy"),
            ("1000004", "Red"),
            ("1000005", "Blue"),
            ("1000006", "Green"),
        ],
        conditions: vec![],
    }];
    if apparel(leaf.top) {
        out.push(Attr {
            id: "100007",
            name: "Size",
            kind: "SALES_PROPERTY",
            required: false,
            customizable: true,
            multiple: false,
            values: vec![
                ("1000101", "XS"),
                ("1000102", "S"),
                ("1000103", "M"),
                ("1000104", "L"),
                ("1000105", "XL"),
                ("1000106", "XXL"),
            ],
            conditions: vec![],
        });
        out.push(Attr {
            id: "100198",
            name: "Material",
            kind: "PRODUCT_PROPERTY",
            required: true,
            customizable: true,
            multiple: true,
            values: vec![
                ("1000201", "Cotton"),
                ("1000202", "Polyester"),
                ("1000203", "Nylon"),
                ("1000204", "Wool"),
                ("1000205", "Leather"),
            ],
            conditions: vec![],
        });
    } else {
        out.push(Attr {
            id: "100008",
            name: "Specification",
            kind: "SALES_PROPERTY",
            required: false,
            customizable: true,
            multiple: false,
            values: vec![],
            conditions: vec![],
        });
    }
    if leaf.top == "Beauty & Personal Care" {
        out.push(Attr {
            id: "100293",
            name: "Skin Type",
            kind: "PRODUCT_PROPERTY",
            required: false,
            customizable: false,
            multiple: true,
            values: vec![
                ("1000301", "All Skin Types"),
                ("1000302", "Dry"),
                ("1000303", "Oily"),
                ("1000304", "Sensitive"),
            ],
            conditions: vec![],
        });
    }
    out.push(Attr {
        id: "100392",
        name: "Occasion",
        kind: "PRODUCT_PROPERTY",
        required: false,
        customizable: true,
        multiple: true,
        values: vec![("1001533", "Birthday"), ("1001534", "Everyday"), ("1001535", "Travel")],
        conditions: vec![],
    });
    out.push(Attr {
        id: HAZMAT,
        name: "Dangerous Goods or Hazardous Materials",
        kind: "PRODUCT_PROPERTY",
        required: true,
        customizable: false,
        multiple: false,
        values: vec![(HAZMAT_NO, "No"), (HAZMAT_YES, "Yes")],
        conditions: vec![],
    });
    out.push(Attr {
        id: HAZMAT_TYPE,
        name: "Hazardous Material Type",
        kind: "PRODUCT_PROPERTY",
        required: false,
        customizable: false,
        multiple: true,
        values: vec![
            (LITHIUM, "Lithium batteries"),
            ("1024401", "Flammable liquids"),
            ("1024402", "Aerosols"),
            ("1024403", "Corrosives"),
            ("1024404", "Other dangerous goods"),
        ],
        conditions: vec![Cond { attribute_id: HAZMAT, value_id: HAZMAT_YES }],
    });
    out.push(Attr {
        id: BATTERY_TYPE,
        name: "Battery Type",
        kind: "PRODUCT_PROPERTY",
        required: false,
        customizable: false,
        multiple: false,
        values: vec![("1024410", "Lithium-ion"), ("1024411", "Lithium metal"), ("1024412", "Lithium polymer")],
        conditions: vec![Cond { attribute_id: HAZMAT_TYPE, value_id: LITHIUM }],
    });
    out
}
