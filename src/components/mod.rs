//! Views shared by several pages.

pub mod header;
pub mod jp_bar;
pub mod ready;
pub mod resume;
pub mod storage_error;
pub mod sync_bar;
pub mod update_prompt;
