//! A lenient reader for the structured inputs of the stateful targets: any
//! byte string parses (missing bytes read as zeros, a length longer than
//! what is left takes what is left), so every input the fuzzer makes is a
//! call, and a writer for the seeds that produces the same layout.

/// Reads fields from the front of a fuzz input.
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data }
    }

    /// Whether nothing is left.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Up to `n` bytes (fewer at the end).
    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.data.len());
        let (head, tail) = self.data.split_at(n);
        self.data = tail;
        head
    }

    pub fn u8(&mut self) -> u8 {
        self.bytes(1).first().copied().unwrap_or(0)
    }

    pub fn u16(&mut self) -> u16 {
        let mut buf = [0u8; 2];
        let got = self.bytes(2);
        buf[..got.len()].copy_from_slice(got);
        u16::from_le_bytes(buf)
    }

    pub fn u32(&mut self) -> u32 {
        let mut buf = [0u8; 4];
        let got = self.bytes(4);
        buf[..got.len()].copy_from_slice(got);
        u32::from_le_bytes(buf)
    }

    pub fn u64(&mut self) -> u64 {
        let mut buf = [0u8; 8];
        let got = self.bytes(8);
        buf[..got.len()].copy_from_slice(got);
        u64::from_le_bytes(buf)
    }

    /// A byte string with a one-byte length.
    pub fn short(&mut self) -> &'a [u8] {
        let n = usize::from(self.u8());
        self.bytes(n)
    }

    /// A byte string with a two-byte length.
    pub fn medium(&mut self) -> &'a [u8] {
        let n = usize::from(self.u16());
        self.bytes(n)
    }

    /// A byte string with a four-byte length.
    pub fn long(&mut self) -> &'a [u8] {
        let n = usize::try_from(self.u32()).unwrap_or(usize::MAX);
        self.bytes(n)
    }

    /// Everything left.
    pub fn rest(&mut self) -> &'a [u8] {
        self.bytes(self.data.len())
    }
}

/// Writes the layout [`Reader`] reads (for seeds).
#[derive(Default)]
pub struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn u8(mut self, value: u8) -> Self {
        self.out.push(value);
        self
    }

    pub fn u16(mut self, value: u16) -> Self {
        self.out.extend_from_slice(&value.to_le_bytes());
        self
    }

    pub fn u32(mut self, value: u32) -> Self {
        self.out.extend_from_slice(&value.to_le_bytes());
        self
    }

    pub fn u64(mut self, value: u64) -> Self {
        self.out.extend_from_slice(&value.to_le_bytes());
        self
    }

    pub fn short(self, bytes: &[u8]) -> Self {
        let len = u8::try_from(bytes.len()).expect("at most 255 bytes");
        self.u8(len).raw(bytes)
    }

    pub fn medium(self, bytes: &[u8]) -> Self {
        let len = u16::try_from(bytes.len()).expect("at most 65535 bytes");
        self.u16(len).raw(bytes)
    }

    pub fn long(self, bytes: &[u8]) -> Self {
        let len = u32::try_from(bytes.len()).expect("at most 4 GiB");
        self.u32(len).raw(bytes)
    }

    pub fn raw(mut self, bytes: &[u8]) -> Self {
        self.out.extend_from_slice(bytes);
        self
    }

    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}
