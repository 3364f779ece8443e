//! Your Fathom function: the platform calls `function::handle` once per call.
pub mod function;
