pub mod ir;
pub use ir::*;
