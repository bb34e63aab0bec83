//! The page's unpacker: the decoder of `src/kb/codec.rs` built as a tiny WebAssembly module
//! with no std and no wasm-bindgen. `cargo xtask build` writes it to `dist/pkg/unpack.wasm`;
//! net-guide.js (`www/unpack.js`) copies the packed widget code in, runs [`step`] a slice at
//! a time between frames, and copies the widget's WebAssembly out. Compiled code decodes
//! about three times faster than the JavaScript twin it replaces, and there is one decoder
//! to keep right instead of two.
//!
//! The protocol, one job per instance: [`input`] → write the packed bytes there →
//! [`start`] → [`step`] until it returns 1 → read [`output_len`] bytes at [`output`].
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

#[allow(dead_code)] // the encoder half is for the build
#[path = "../../src/kb/codec.rs"]
mod codec;

use alloc::vec;
use codec::Decoder;
use core::cell::UnsafeCell;

// Every buffer lives until the page drops the whole instance, so a page-at-a-time
// allocator that never frees is the smallest that works.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LeakingPageAllocator = lol_alloc::LeakingPageAllocator;

// No panic can happen on any input (the decoder reads past the end as zeros); should one
// ever, the page's call throws a RuntimeError and net-guide.js reports a load failure.
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// The one job of this instance.
struct Job {
    packed: &'static [u8],
    decoder: Option<Decoder<'static>>,
}

struct Slot(UnsafeCell<Job>);

// SAFETY: WebAssembly here is single-threaded and the exports do not re-enter each other.
unsafe impl Sync for Slot {}

static JOB: Slot = Slot(UnsafeCell::new(Job {
    packed: &[],
    decoder: None,
}));

fn job() -> &'static mut Job {
    // SAFETY: see `Slot`; each export takes this reference once and drops it on return.
    unsafe { &mut *JOB.0.get() }
}

/// Room for `len` packed bytes; the page writes them at the returned address.
#[no_mangle]
pub extern "C" fn input(len: usize) -> *mut u8 {
    let buffer: &'static mut [u8] = vec![0u8; len].leak();
    let at = buffer.as_mut_ptr();
    let job = job();
    job.packed = buffer;
    job.decoder = None;
    at
}

/// Reads the header: 1 when it is one `compress` wrote, 0 for damaged code.
#[no_mangle]
pub extern "C" fn start() -> u32 {
    let job = job();
    job.decoder = Decoder::new(job.packed);
    u32::from(job.decoder.is_some())
}

/// Decodes up to `bytes` more bytes: 1 when done (or when there is nothing to do), else 0.
#[no_mangle]
pub extern "C" fn step(bytes: usize) -> u32 {
    match &mut job().decoder {
        Some(decoder) => u32::from(decoder.run(bytes)),
        None => 1,
    }
}

/// Where the output starts (read [`output_len`] bytes once [`step`] has returned 1).
#[no_mangle]
pub extern "C" fn output() -> *const u8 {
    match &job().decoder {
        Some(decoder) => decoder.output().as_ptr(),
        None => core::ptr::null(),
    }
}

#[no_mangle]
pub extern "C" fn output_len() -> usize {
    job().decoder.as_ref().map_or(0, |d| d.output().len())
}

#[cfg(test)]
mod protocol {
    use super::*;

    /// The exports in the order the page calls them, as one function.
    fn unpack_through_exports(packed: &[u8], slice: usize) -> Option<Vec<u8>> {
        let at = input(packed.len());
        // SAFETY: `input` returned room for exactly `packed.len()` bytes.
        unsafe { core::ptr::copy_nonoverlapping(packed.as_ptr(), at, packed.len()) };
        if start() == 0 {
            return None;
        }
        while step(slice) == 0 {}
        let len = output_len();
        // SAFETY: the decoder's output holds `len` bytes at `output()` until the next job.
        Some(unsafe { core::slice::from_raw_parts(output(), len) }.to_vec())
    }

    // One test: the exports share one job, and tests run on parallel threads.
    #[test]
    fn unpacks_what_the_build_packs_and_refuses_damage() {
        let code: Vec<u8> = (0..40_000u32)
            .map(|i| (i * 7 % 251) as u8 ^ (i >> 9) as u8)
            .collect();
        let packed = codec::compress(&code).unwrap();
        assert_eq!(
            unpack_through_exports(&packed, 4096).as_deref(),
            Some(&code[..])
        );
        assert_eq!(
            unpack_through_exports(&packed, usize::MAX).as_deref(),
            Some(&code[..])
        );
        assert_eq!(unpack_through_exports(&[0xFF; 12], 4096), None);
        assert_eq!(unpack_through_exports(&[], 4096), None);
        assert_eq!(step(4096), 1, "nothing to do after a refused header");
        assert_eq!(output_len(), 0);
    }
}
