//! `calibrate workshop serve`: a live workshop in which everyone votes
//! privately from their own phone, and the facilitator reveals the results.

pub mod keys;
