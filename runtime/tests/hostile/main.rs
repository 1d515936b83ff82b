//! Hostile input: malformed documents, duplicated elements and attributes, and
//! values out of their type, each a typed error or a diagnostic naming where.

#[allow(dead_code)]
#[path = "../handwritten/mod.rs"]
mod handwritten;

mod documents;
mod duplicates;
mod values;
