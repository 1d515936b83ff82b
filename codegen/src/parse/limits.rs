//! Resource limits for reading untrusted WSDL/XSD files.

/// Limits applied to every file read. References to DTD entities are always
/// refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted file, in bytes.
    pub max_file_size: u64,
    /// Most XML nodes per file.
    pub max_nodes: u32,
    /// Deepest element nesting per file.
    pub max_depth: u32,
    /// Most files per run.
    pub max_files: usize,
}

impl Default for Limits {
    /// 16 MiB per file, 1 000 000 nodes, depth 256, 1000 files.
    fn default() -> Self {
        Limits {
            max_file_size: 16 * 1024 * 1024,
            max_nodes: 1_000_000,
            max_depth: 256,
            max_files: 1000,
        }
    }
}
