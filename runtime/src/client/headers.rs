//! Client-wide default header blocks and calls with typed header sets.

use std::sync::{Arc, PoisonError, RwLock};

use super::{Client, Error};
use crate::envelope::{SoapHeaders, WriteHeader};
use crate::fault::FaultDetail;
use crate::transport::Transport;
use crate::xml::{FieldName, Operation, XmlType};

/// Which calls a client-wide header block ([`Client::set_header`]) goes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderScope {
    /// The calls whose operation declares the block's element among its
    /// input headers (`soap:header`): a session or API-key header.
    Declared,
    /// Every call (WS-Security, WS-Addressing: headers the WSDL does not name).
    Every,
}

struct DefaultHeader {
    header: Arc<dyn WriteHeader>,
    scope: HeaderScope,
}

/// The default blocks of a client and its clones (shared: a session header
/// set after login is sent by every clone).
#[derive(Default, Clone)]
pub(super) struct DefaultHeaders(Arc<RwLock<Vec<DefaultHeader>>>);

impl DefaultHeaders {
    fn set(&self, header: Arc<dyn WriteHeader>, scope: HeaderScope) {
        let element = header.element();
        let mut all = self.0.write().unwrap_or_else(PoisonError::into_inner);
        all.retain(|d| d.header.element() != element);
        all.push(DefaultHeader { header, scope });
    }

    fn remove(&self, element: &FieldName) -> bool {
        let mut all = self.0.write().unwrap_or_else(PoisonError::into_inner);
        let before = all.len();
        all.retain(|d| d.header.element() != *element);
        all.len() != before
    }

    /// The defaults that go with a call of `op` carrying `explicit` (a
    /// block of the call replaces the default of the same element).
    pub(super) fn for_call(
        &self,
        op: &Operation,
        explicit: &[&dyn WriteHeader],
    ) -> Vec<Arc<dyn WriteHeader>> {
        let all = self.0.read().unwrap_or_else(PoisonError::into_inner);
        all.iter()
            .filter(|d| {
                let element = d.header.element();
                let wanted = match d.scope {
                    HeaderScope::Every => true,
                    HeaderScope::Declared => op.input_headers.contains(&element),
                };
                wanted && !explicit.iter().any(|h| h.element() == element)
            })
            .map(|d| d.header.clone())
            .collect()
    }

    pub(super) fn len(&self) -> usize {
        self.0.read().unwrap_or_else(PoisonError::into_inner).len()
    }
}

impl<T> Client<T> {
    /// Sends `header` with every later call in `scope`, from this client
    /// and its clones (it replaces a default block of the same element).
    /// The secrets it writes ([`WriteHeader::secrets`]) are masked like the
    /// client's password.
    pub fn set_header(&self, header: impl WriteHeader + 'static, scope: HeaderScope) {
        self.config.default_headers.set(Arc::new(header), scope);
    }

    /// [`set_header`](Self::set_header), by value.
    pub fn with_header(self, header: impl WriteHeader + 'static, scope: HeaderScope) -> Self {
        self.set_header(header, scope);
        self
    }

    /// Stops sending the default block `element`; false if there was none.
    pub fn remove_header(&self, element: &FieldName) -> bool {
        self.config.default_headers.remove(element)
    }
}

impl<T: Transport> Client<T> {
    /// [`call`](Self::call) with a typed header set: the blocks of
    /// `headers` (with the client's defaults) go in the request's `Header`,
    /// and the response's blocks are read into `RH` (a block that cannot be
    /// read is an [`Error::Decode`]; what the lenient decoder tolerated is
    /// reported like the body's diagnostics). Generated `<op>_with_headers`
    /// methods call it.
    pub async fn call_typed<Req, Resp, F, H, RH>(
        &self,
        op: &'static Operation,
        headers: &H,
        request: &Req,
    ) -> Result<(Resp, RH), Error<F>>
    where
        Req: XmlType,
        Resp: XmlType + Send + 'static,
        F: FaultDetail,
        H: SoapHeaders,
        RH: SoapHeaders,
    {
        let blocks = headers.blocks();
        let blocks: Vec<&dyn WriteHeader> = blocks.iter().map(AsRef::as_ref).collect();
        let message = self.call_with_headers(op, &blocks, request).await?;
        let read = RH::read(&message.headers).map_err(|error| {
            Error::Decode(super::call::scrub_decode_error(error, &self.config.secrets))
        })?;
        self.report(op, &read.diagnostics);
        Ok((message.body, read.value))
    }
}
