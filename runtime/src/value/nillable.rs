//! `Nillable<T>`: an element that may carry `xsi:nil="true"`.

/// The value of a nillable element: `xsi:nil="true"` or a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Nillable<T> {
    /// `xsi:nil="true"`.
    #[default]
    Nil,
    /// A value.
    Value(T),
}

impl<T> Nillable<T> {
    /// True for [`Nillable::Nil`].
    pub fn is_nil(&self) -> bool {
        matches!(self, Nillable::Nil)
    }

    /// The value, if not nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }

    /// The value, if not nil.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }

    /// A reference version.
    pub fn as_ref(&self) -> Nillable<&T> {
        match self {
            Nillable::Nil => Nillable::Nil,
            Nillable::Value(v) => Nillable::Value(v),
        }
    }
}

impl<T> From<T> for Nillable<T> {
    fn from(value: T) -> Self {
        Nillable::Value(value)
    }
}

impl<T> From<Option<T>> for Nillable<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Nillable::Nil, Nillable::Value)
    }
}
