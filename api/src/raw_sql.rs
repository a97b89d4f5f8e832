//! Raw SQL statements with bound values on either backend. Values are numbered as they are added
//! and written into the statement as their parameter (`$1` on PostgreSQL, `?1` on SQLite; both
//! accept a number more than once), so no value is ever formatted into SQL text.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::backend::Backend;
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, Date, HasSqlType, Integer, Text, Timestamp};

/// A value to bind, of one of the SQL types raw statements use.
#[derive(Debug, Clone)]
pub enum Value {
    Integer(i32),
    BigInt(i64),
    Text(String),
    Timestamp(NaiveDateTime),
    Date(NaiveDate),
}

impl From<i32> for Value {
    fn from(value: i32) -> Self {
        Value::Integer(value)
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Self {
        Value::BigInt(value)
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::Text(value)
    }
}

impl From<NaiveDateTime> for Value {
    fn from(value: NaiveDateTime) -> Self {
        Value::Timestamp(value)
    }
}

impl From<NaiveDate> for Value {
    fn from(value: NaiveDate) -> Self {
        Value::Date(value)
    }
}

/// A statement's parameter, written as its backend wants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    number: usize,
    postgres: bool,
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.postgres { '$' } else { '?' };
        write!(f, "{sign}{}", self.number)
    }
}

/// The values of one statement, in the order of their parameters' numbers.
#[derive(Debug)]
pub struct Binds {
    postgres: bool,
    values: Vec<Value>,
}

impl Binds {
    /// For a statement to run on PostgreSQL (`true`) or SQLite.
    pub fn new(postgres: bool) -> Self {
        Binds {
            postgres,
            values: Vec::new(),
        }
    }

    /// Adds `value`; write the returned parameter where the statement uses it.
    pub fn bind(&mut self, value: impl Into<Value>) -> Param {
        self.values.push(value.into());
        Param {
            number: self.values.len(),
            postgres: self.postgres,
        }
    }

    /// `sql` (which names these parameters) with the values bound, ready to run on the connection
    /// these binds were made for.
    pub fn query<DB>(self, sql: &str) -> BoxedSqlQuery<'static, DB, SqlQuery>
    where
        DB: Backend
            + HasSqlType<Integer>
            + HasSqlType<BigInt>
            + HasSqlType<Text>
            + HasSqlType<Timestamp>
            + HasSqlType<Date>,
        i32: ToSql<Integer, DB>,
        i64: ToSql<BigInt, DB>,
        String: ToSql<Text, DB>,
        NaiveDateTime: ToSql<Timestamp, DB>,
        NaiveDate: ToSql<Date, DB>,
    {
        let mut query = diesel::sql_query(sql).into_boxed::<DB>();
        for value in self.values {
            query = match value {
                Value::Integer(v) => query.bind::<Integer, _>(v),
                Value::BigInt(v) => query.bind::<BigInt, _>(v),
                Value::Text(v) => query.bind::<Text, _>(v),
                Value::Timestamp(v) => query.bind::<Timestamp, _>(v),
                Value::Date(v) => query.bind::<Date, _>(v),
            };
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_in_the_order_values_are_added() {
        let mut binds = Binds::new(true);
        assert_eq!(binds.bind(1_i64).to_string(), "$1");
        assert_eq!(binds.bind("x".to_owned()).to_string(), "$2");
        let mut binds = Binds::new(false);
        assert_eq!(binds.bind(1_i64).to_string(), "?1");
    }
}
