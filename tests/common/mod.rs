//! Helpers shared by the decision-flow tests.

/// Deterministic xorshift generator: the same profiles on every run.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
    /// `None` (not known) one time in `one_in`, else one of `items`.
    pub fn maybe<T: Copy>(&mut self, items: &[T], one_in: u64) -> Option<T> {
        if self.next() % one_in == 0 {
            None
        } else {
            Some(self.pick(items))
        }
    }
}
