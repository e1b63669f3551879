/**
 * Test vectors copied verbatim from rustc-demangle (https://github.com/rust-lang/rustc-demangle),
 * its `{:#}` (alternate, hash-less) expectations: legacy ones from src/legacy.rs (`t_nohash!`,
 * and `t!` ones whose expected output has no hash), v0 ones from src/v0.rs (`t_nohash!` and
 * `t_nohash_type!`, which wraps a type as `_RMC0<type>` → `<type>`), the inherent/trait impl ones
 * from the Linux kernel's perf test of Rust demangling (tools/perf/tests/demangle-rust-v0-test.c).
 */
import { describe, expect, test } from 'vitest';
import { demangle } from './demangle';

describe('legacy (_ZN…E)', () => {
  test.each([
    ['_ZN4testE', 'test'],
    ['_ZN4test1a2bcE', 'test::a::bc'],
    ['_ZN4$RP$E', ')'],
    ['_ZN8$RF$testE', '&test'],
    ['_ZN8$BP$test4foobE', '*test::foob'],
    ['_ZN9$u20$test4foobE', ' test::foob'],
    ['_ZN35Bar$LT$$u5b$u32$u3b$$u20$4$u5d$$GT$E', 'Bar<[u32; 4]>'],
    ['_ZN13test$u20$test4foobE', 'test test::foob'],
    ['_ZN12test$BP$test4foobE', 'test*test::foob'],
    ['ZN4testE', 'test'],
    ['ZN13test$u20$test4foobE', 'test test::foob'],
    ['ZN12test$RF$test4foobE', 'test&test::foob'],
    ['_ZN13_$LT$test$GT$E', '<test>'],
    ['_ZN28_$u7b$$u7b$closure$u7d$$u7d$E', '{{closure}}'],
    ['_ZN15__STATIC_FMTSTRE', '__STATIC_FMTSTR'],
    [
      '_ZN71_$LT$Test$u20$$u2b$$u20$$u27$static$u20$as$u20$foo..Bar$LT$Test$GT$$GT$3barE',
      "<Test + 'static as foo::Bar<Test>>::bar",
    ],
    ['_ZN3foo17h05af221e174051e9E', 'foo'],
    ['_ZN3fooE', 'foo'],
    ['_ZN3foo3barE', 'foo::bar'],
    ['_ZN3foo20h05af221e174051e9abcE', 'foo'],
    ['_ZN3foo5h05afE', 'foo'],
    ['_ZN17h05af221e174051e93fooE', 'h05af221e174051e9::foo'],
    ['_ZN3foo16ffaf221e174051e9E', 'foo::ffaf221e174051e9'],
    ['_ZN3foo17hg5af221e174051e9E', 'foo::hg5af221e174051e9'],
    ['_ZN3fooE.llvm.9D1C9369', 'foo'],
    ['_ZN3fooE.llvm.9D1C9369@@16', 'foo'],
    ['_ZN9backtrace3foo17hbb467fcdaea5d79bE.llvm.A5310EB9', 'backtrace::foo'],
    [
      '_ZN4core5slice77_$LT$impl$u20$core..ops..index..IndexMut$LT$I$GT$$u20$for$u20$$u5b$T$u5d$$GT$9index_mut17haf9727c2edfbc47bE.exit.i.i',
      'core::slice::<impl core::ops::index::IndexMut<I> for [T]>::index_mut.exit.i.i',
    ],
  ])('%s → %s', (symbol, expected) => {
    expect(demangle(symbol)).toBe(expected);
  });

  test.each([
    ['test'],
    ['_ZN4test'],
    ['_ZN3fooE.llvm moocow'],
    ['_ZNfooE'],
    ['_ZN2222222222222222222222EE'],
    ['_ZN5*70527e27.ll34csaғE'],
    ['_ZN5*70527a54.ll34_$b.1E'],
  ])('%s is not a legacy symbol: unchanged, no throw', (symbol) => {
    expect(demangle(symbol)).toBe(symbol);
  });
});

describe('v0 (_R…)', () => {
  test.each([
    ['_RNvC6_123foo3bar', '123foo::bar'],
    [
      '_RNqCs4fqI2P2rA04_11utf8_identsu30____7hkackfecea1cbdathfdh9hlq6y',
      'utf8_idents::საჭმელად_გემრიელი_სადილი',
    ],
    ['_RNCNCNgCs6DXkGYLi8lr_2cc5spawn00B5_', 'cc::spawn::{closure#0}::{closure#0}'],
    [
      '_RNCINkXs25_NgCsbmNqQUJIY6D_4core5sliceINyB9_4IterhENuNgNoBb_4iter8iterator8Iterator9rpositionNCNgNpB9_6memchr7memrchrs_0E0Bb_',
      '<core::slice::Iter<u8> as core::iter::iterator::Iterator>::rposition::<core::slice::memchr::memrchr::{closure#1}>::{closure#0}',
    ],
    [
      '_RINbNbCskIICzLVDPPb_5alloc5alloc8box_freeDINbNiB4_5boxed5FnBoxuEp6OutputuEL_ECs1iopQbuBiw2_3std',
      'alloc::alloc::box_free::<dyn alloc::boxed::FnBox<(), Output = ()>>',
    ],
    ['_RMC0INtC8arrayvec8ArrayVechKj7b_E', '<arrayvec::ArrayVec<u8, 123>>'],
    ['_RMCs4fqI2P2rA04_13const_genericINtB0_8UnsignedKhb_E', '<const_generic::Unsigned<11>>'],
    ['_RMCs4fqI2P2rA04_13const_genericINtB0_6SignedKs98_E', '<const_generic::Signed<152>>'],
    ['_RMCs4fqI2P2rA04_13const_genericINtB0_6SignedKanb_E', '<const_generic::Signed<-11>>'],
    ['_RMCs4fqI2P2rA04_13const_genericINtB0_4BoolKb0_E', '<const_generic::Bool<false>>'],
    ['_RMCs4fqI2P2rA04_13const_genericINtB0_4BoolKb1_E', '<const_generic::Bool<true>>'],
    ['_RMCs4fqI2P2rA04_13const_genericINtB0_4CharKc76_E', "<const_generic::Char<'v'>>"],
    ['_RMCs4fqI2P2rA04_13const_genericINtB0_4CharKca_E', "<const_generic::Char<'\\n'>>"],
    ['_RMCs4fqI2P2rA04_13const_genericINtB0_4CharKc2202_E', "<const_generic::Char<'∂'>>"],
    [
      '_RNvNvMCs4fqI2P2rA04_13const_genericINtB4_3FooKpE3foo3FOO',
      '<const_generic::Foo<_>>::foo::FOO',
    ],
    ['_RC3foo.llvm.9D1C9369', 'foo'],
    ['_RC3foo.llvm.9D1C9369@@16', 'foo'],
    ['_RNvC9backtrace3foo.llvm.A5310EB9', 'backtrace::foo'],
    [
      '_RNvNtNtNtNtCs92dm3009vxr_4rand4rngs7adapter9reseeding4fork23FORK_HANDLER_REGISTERED.0.0',
      'rand::rngs::adapter::reseeding::fork::FORK_HANDLER_REGISTERED.0.0',
    ],
    // perf's vectors: an inherent impl, a plain path, a trait impl.
    [
      '_RNvMsr_NtCs3ssYzQotkvD_3std4pathNtB5_7PathBuf3newCs15kBYyAo9fc_7mycrate',
      '<std::path::PathBuf>::new',
    ],
    ['_RNvCs15kBYyAo9fc_7mycrate7example', 'mycrate::example'],
    ['_RNvMs_Cs4Cv8Wi1oAIB_7mycrateNtB4_7Example3foo', '<mycrate::Example>::foo'],
  ])('%s → %s', (symbol, expected) => {
    expect(demangle(symbol)).toBe(expected);
  });

  test('back-references nest (rustc-demangle demangle_exponential_explosion): 64 copies of `_`', () => {
    const out = demangle('_RMC0TTTTTTpB8_EB7_EB6_EB5_EB4_EB3_E');
    expect(out.match(/_/g)?.length).toBe(64);
    expect(out.startsWith('<((((((_, _), (_, _)), ((_, _), (_, _))),')).toBe(true);
  });

  test.each([
    ['_R'],
    ['_RNvC'],
    ['_RB_'], // a back-reference to itself
    ['_RNvB0_3foo'], // … and to the middle of its own path
    ['_R1C3foo'], // an encoding version we do not know
    ['_RC3foo moo'], // a suffix that is not symbol-like
    ['_RIC3fooKc110000_E'], // not a char
    ['_RICu2ab_E'],
  ])('%s is not a valid v0 symbol: unchanged', (symbol) => {
    expect(demangle(symbol)).toBe(symbol);
  });

  test('hostile nesting is bounded: deep paths, generic args and back-reference chains', () => {
    const deep = '_R' + 'NvNv'.repeat(5000) + 'C3foo' + '3bar'.repeat(10000);
    expect(demangle(deep)).toBe(deep);
    const tuples = '_RMC0' + 'T'.repeat(100_000) + 'u' + 'E'.repeat(100_000);
    expect(demangle(tuples)).toBe(tuples);
    // Each back-reference doubles the output: cut off by the output limit, not the clock.
    let chain = '_RMC0TTu';
    for (let i = 0; i < 40; i++) chain += `B${(5).toString()}_E`;
    expect(typeof demangle(chain)).toBe('string');
  });
});
