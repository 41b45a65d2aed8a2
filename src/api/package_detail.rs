//! Get Package Detail (`GET /fulfillment/202309/packages/{package_id}`, API README §5.4): what the
//! order objects do not say about a package, its parcel's weight and dimensions.

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use super::wire::dec;
use crate::domain::catalog::Dimensions;
use crate::domain::package::{Dimension, Parcel, Weight};
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WeightDto {
    value: Option<String>,
    unit: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct DimensionDto {
    length: Option<String>,
    width: Option<String>,
    height: Option<String>,
    unit: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PackageDetailDto {
    weight: WeightDto,
    dimension: DimensionDto,
}

impl PackageDetailDto {
    /// The parcel; a zero or empty weight or size is "not known" (None).
    fn parcel(self) -> Result<Parcel, String> {
        let w = dec("weight.value", &self.weight.value)?;
        let (l, wd, h) = (
            dec("dimension.length", &self.dimension.length)?,
            dec("dimension.width", &self.dimension.width)?,
            dec("dimension.height", &self.dimension.height)?,
        );
        Ok(Parcel {
            weight: (w > Decimal::ZERO).then_some(Weight { value: w, unit: self.weight.unit }),
            dimension: (l > Decimal::ZERO && wd > Decimal::ZERO && h > Decimal::ZERO).then_some(Dimension {
                size: Dimensions { length: l, width: wd, height: h },
                unit: self.dimension.unit,
            }),
        })
    }
}

impl ApiClient {
    /// The parcel of a package: weight and dimensions, as TikTok has them. A background read
    /// (like the price detail), so it waits behind shipping calls.
    pub async fn get_package_parcel(&self, shop: &ShopRef, package_id: &str) -> Result<Parcel, ApiError> {
        let req = ApiRequest::new(Method::GET, format!("/fulfillment/202309/packages/{package_id}"), shop.auth())
            .lane(Lane::Returns);
        let r = self.call::<PackageDetailDto>(&req).await?;
        r.data.parcel().map_err(|m| ApiError::decode(&req.endpoint(), m, Some(r.request_id.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_sample_parcel_is_read_and_zeroes_are_unknown() {
        let sample = serde_json::json!({
            "weight": {"value": "1.2", "unit": "GRAM"},
            "dimension": {"length": "1.2", "width": "0.2", "height": "0.03", "unit": "CM"},
        });
        let p = serde_json::from_value::<PackageDetailDto>(sample).expect("dto").parcel().expect("parcel");
        assert_eq!(p.weight.map(|w| w.to_string()), Some("1.2 gram".into()));
        assert_eq!(p.dimension.map(|d| d.to_string()), Some("1.2 x 0.2 x 0.03 cm".into()));
        let none = serde_json::json!({
            "weight": {"value": "0", "unit": "GRAM"},
            "dimension": {"length": "", "width": "", "height": "", "unit": ""},
        });
        assert_eq!(
            serde_json::from_value::<PackageDetailDto>(none).expect("dto").parcel().expect("parcel"),
            Parcel::default()
        );
    }
}
