//! The built-in datatypes of XML Schema 1.0.

/// Local names of the XSD built-in types (`anyType` included).
pub const BUILTINS: &[&str] = &[
    "anyType", "anySimpleType", "string", "normalizedString", "token", "language", "Name",
    "NCName", "ID", "IDREF", "IDREFS", "ENTITY", "ENTITIES", "NMTOKEN", "NMTOKENS", "QName",
    "NOTATION", "anyURI", "boolean", "decimal", "integer", "nonPositiveInteger",
    "negativeInteger", "long", "int", "short", "byte", "nonNegativeInteger", "unsignedLong",
    "unsignedInt", "unsignedShort", "unsignedByte", "positiveInteger", "float", "double",
    "duration", "dateTime", "time", "date", "gYearMonth", "gYear", "gMonthDay", "gDay", "gMonth",
    "hexBinary", "base64Binary",
];

/// True when `local` names an XSD built-in type.
pub fn is_builtin(local: &str) -> bool {
    BUILTINS.contains(&local)
}
