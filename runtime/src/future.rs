//! The boxed future type of the runtime's object-safe traits.

/// A boxed, sendable future (what [`Transport::send`](crate::Transport::send),
/// [`server::Dispatch::dispatch`](crate::server::Dispatch::dispatch) and
/// [`server::Service::call`](crate::server::Service::call) return).
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;
