//! Faults: the database going away under load, the process killed, the disk full or read-only, a
//! database error, slow clients. One file per fault; the servers and requests are the library's.

mod database_error;
mod disk;
mod kill;
mod outage;
mod slow_clients;
