//! Token pagination as a stream (API README §2.1): `page_size` + `page_token` in the query,
//! `next_page_token` in the response; an empty or absent token ends the list.

use super::client::{ApiClient, ApiRequest};
use super::error::ApiError;
use futures::Stream;
use serde::de::DeserializeOwned;

/// A response page: its items and the token of the next page.
pub trait Page: DeserializeOwned {
    type Item;
    fn into_parts(self) -> (Vec<Self::Item>, Option<String>);
}

/// Pages of `P`, fetched one after another; `make` builds the request for a page token.
pub fn pages<P, F>(client: ApiClient, make: F) -> impl Stream<Item = Result<Vec<P::Item>, ApiError>>
where
    P: Page,
    F: Fn(Option<&str>) -> ApiRequest,
{
    futures::stream::try_unfold((Some(None::<String>), make), move |(next, make)| {
        let client = client.clone();
        async move {
            let Some(token) = next else { return Ok(None) };
            let req = make(token.as_deref());
            let resp = client.call::<P>(&req).await?;
            let (items, next_token) = resp.data.into_parts();
            let next = next_token.filter(|t| !t.is_empty()).map(Some);
            Ok::<_, ApiError>(Some((items, (next, make))))
        }
    })
}
