import Testing

@Test func `module builds`() { #expect(Bool(true)) }
