//! Logistics family: warehouses, delivery options and shipping providers (API README §5.2).

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::{ApiError, ErrorClass};
use super::limiter::Lane;
use crate::domain::package::{DeliveryOption, ShippingProvider, Warehouse};
use serde::Deserialize;

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WarehouseAddressDto {
    full_address: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WarehouseDto {
    id: String,
    name: String,
    effect_status: String,
    #[serde(rename = "type")]
    kind: String,
    is_default: bool,
    address: WarehouseAddressDto,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WarehousesDto {
    warehouses: Vec<WarehouseDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct OptionDto {
    id: String,
    name: String,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct OptionsDto {
    delivery_options: Vec<OptionDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ProvidersDto {
    shipping_providers: Vec<ProviderDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ProviderDto {
    id: String,
    name: String,
}

impl ApiClient {
    /// Warehouses of a shop, each with its delivery options and their shipping providers.
    pub async fn get_warehouses(&self, shop: &ShopRef) -> Result<Vec<Warehouse>, ApiError> {
        let req = ApiRequest::new(Method::GET, "/logistics/202309/warehouses", shop.auth()).lane(Lane::Catalogue);
        let ws = self.call::<WarehousesDto>(&req).await?.data.warehouses;
        let mut out = Vec::new();
        for w in ws {
            let mut options = Vec::new();
            if w.kind == "SALES_WAREHOUSE" {
                let req = ApiRequest::new(
                    Method::GET,
                    format!("/logistics/202309/warehouses/{}/delivery_options", w.id),
                    shop.auth(),
                )
                .lane(Lane::Catalogue);
                for o in self.call::<OptionsDto>(&req).await?.data.delivery_options {
                    let providers = self.get_shipping_providers(shop, &o.id).await?;
                    options.push(DeliveryOption { id: o.id, name: o.name, kind: o.kind, providers });
                }
            }
            out.push(Warehouse {
                id: w.id,
                shop_id: shop.id.clone(),
                name: w.name,
                effect_status: w.effect_status,
                kind: w.kind,
                is_default: w.is_default,
                address: w.address.full_address,
                delivery_options: options,
            });
        }
        Ok(out)
    }

    /// Providers of a delivery option; none for options TikTok fulfils (21008117).
    pub async fn get_shipping_providers(
        &self,
        shop: &ShopRef,
        delivery_option_id: &str,
    ) -> Result<Vec<ShippingProvider>, ApiError> {
        let req = ApiRequest::new(
            Method::GET,
            format!("/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers"),
            shop.auth(),
        )
        .lane(Lane::Catalogue);
        match self.call::<ProvidersDto>(&req).await {
            Ok(r) => {
                Ok(r.data.shipping_providers.into_iter().map(|p| ShippingProvider { id: p.id, name: p.name }).collect())
            }
            Err(e) if e.class == ErrorClass::Permanent && e.code == Some(21008117) => Ok(vec![]),
            Err(e) => Err(e),
        }
    }
}
