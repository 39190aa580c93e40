//! splitmix64: tiny, seedable and good enough to drive fault choices; one seed replays a run's choices.

/// The seed every run prints; fixed unless `FAULT_SEED` names another.
pub const DEFAULT_SEED: u64 = 0x1e47_e2a0_5eed;

pub fn seed_from_env() -> u64 {
    match std::env::var("FAULT_SEED") {
        Ok(text) => text.trim().parse().unwrap_or_else(|_| panic!("FAULT_SEED must be a u64, got {text:?}")),
        Err(_) => DEFAULT_SEED,
    }
}

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0); the modulo bias is irrelevant at these sizes.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Log-uniform in `0..2^16`: small and large cut points are both common.
    pub fn log_uniform(&mut self) -> usize {
        let bits = self.below(17);
        self.below(1 << bits)
    }

    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        for chunk in out.chunks_mut(8) {
            let word = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        out
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    /// An independent stream, so each device's choices do not depend on the other's.
    pub fn fork(&mut self) -> Rng {
        Rng::new(self.next_u64())
    }
}
