// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Differential-test generator: writes random valid and invalid inputs for the EIP-2537
// precompiles (0x0b..0x11) and the EIP-4844 point evaluation (0x0a) together with the outputs
// that @noble/curves (an independent TypeScript implementation of BLS12-381) gives, as JSON on
// stdout. bls12_381_test.cpp replays them against our precompiles.
//
// Deterministic (seeded by SHA-256 in counter mode), so the committed data can be regenerated:
//   mkdir /tmp/noble-bls && cd /tmp/noble-bls && npm init -y && npm install @noble/curves@2.4.0
//   NOBLE=/tmp/noble-bls/node_modules/@noble/curves/bls12-381.js \
//     node test/unit/crypto/bls12_381_oracle.mjs | gzip -9 > test/unit/crypto/data/bls12_381_noble.json.gz
//
// Vector format: [input_hex, output_hex] for a success, [input_hex, null] for a failure (the
// precompile must reject the input). Gas is not covered here (the EEST fixtures check it).

import { createHash } from 'node:crypto';

const { bls12_381 } = await import(process.env.NOBLE ?? '@noble/curves/bls12-381.js');

const PER_PRECOMPILE = Number(process.env.COUNT ?? 1000);
const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
const Fp = bls12_381.fields.Fp;
const Fp2 = bls12_381.fields.Fp2;
const Fp12 = bls12_381.fields.Fp12;
const P = Fp.ORDER;
const R = bls12_381.fields.Fr.ORDER;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

let counter = 0n;
function randomBytes(n) {
  const out = [];
  while (out.length < n) {
    const h = createHash('sha256').update('ultrasound-bls12-381-oracle').update(String(counter++));
    out.push(...h.digest());
  }
  return Uint8Array.from(out.slice(0, n));
}
function randBig(bytes) {
  return BigInt('0x' + Buffer.from(randomBytes(bytes)).toString('hex'));
}
function randInt(n) {
  return Number(randBig(4) % BigInt(n));
}
function pick(list) {
  return list[randInt(list.length)];
}
const randFp = () => randBig(64) % P;
const randScalarR = () => 1n + (randBig(48) % (R - 1n));

// ---------------------------------------------------------------------------------------------
// EIP-2537 encoding

const hex = (b) => Buffer.from(b).toString('hex');
const be = (v, len) => v.toString(16).padStart(2 * len, '0');
const encFp = (v) => be(v, 64);
const encFp2 = (v) => encFp(v.c0) + encFp(v.c1);
function encG1(pt) {
  if (pt.is0()) return '00'.repeat(128);
  const a = pt.toAffine();
  return encFp(a.x) + encFp(a.y);
}
function encG2(pt) {
  if (pt.is0()) return '00'.repeat(256);
  const a = pt.toAffine();
  return encFp2(a.x) + encFp2(a.y);
}
const encScalar = (k) => be(k, 32);

// Random points: in the subgroup, or merely on the curve.
const g1Sub = () => G1.BASE.multiply(randScalarR());
const g2Sub = () => G2.BASE.multiply(randScalarR());
function g1Curve() {
  for (;;) {
    const x = randFp();
    const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), 4n);
    let y;
    try {
      y = Fp.sqrt(rhs);
    } catch {
      continue;
    }
    return G1.fromAffine({ x, y: randInt(2) ? y : Fp.neg(y) });
  }
}
function g2Curve() {
  const b = Fp2.create({ c0: 4n, c1: 4n });
  for (;;) {
    const x = Fp2.create({ c0: randFp(), c1: randFp() });
    const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), b);
    let y;
    try {
      y = Fp2.sqrt(rhs);
    } catch {
      continue;
    }
    if (!Fp2.eql(Fp2.sqr(y), rhs)) continue;
    return G2.fromAffine({ x, y: randInt(2) ? y : Fp2.neg(y) });
  }
}
const notInSubgroup1 = () => {
  for (;;) {
    const pt = g1Curve();
    if (!pt.isTorsionFree()) return pt;
  }
};
const notInSubgroup2 = () => {
  for (;;) {
    const pt = g2Curve();
    if (!pt.isTorsionFree()) return pt;
  }
};

// Ways to corrupt a valid encoding of `n` Fp coordinates (each 64 bytes).
function corruptCoordinates(encoded, nCoords) {
  const i = randInt(nCoords);
  const at = i * 128; // hex offset of the coordinate
  const kind = randInt(4);
  let coord;
  if (kind === 0) coord = encFp(P); // = p
  else if (kind === 1) coord = encFp(P + randBig(8)); // > p, still 48 bytes
  else if (kind === 2) coord = be(randBig(16) | 1n, 16) + encoded.slice(at + 32, at + 128); // top 16 bytes
  else coord = encFp((1n << 381n) - 1n - BigInt(randInt(1000))); // ≥ p
  return encoded.slice(0, at) + coord + encoded.slice(at + 128);
}
// A point not on the curve: perturb y (almost surely leaves the curve), keep coordinates < p.
function offCurveG1() {
  const a = g1Sub().toAffine();
  return encFp(a.x) + encFp(Fp.add(a.y, 1n));
}
function offCurveG2() {
  const a = g2Sub().toAffine();
  return encFp2(a.x) + encFp(a.y.c0) + encFp(Fp.add(a.y.c1, 1n));
}

// ---------------------------------------------------------------------------------------------
// Generators per precompile

function g1add() {
  const out = [];
  const point = () =>
    pick([() => g1Sub(), () => g1Sub(), () => g1Curve(), () => G1.ZERO])();
  for (let i = 0; i < PER_PRECOMPILE; ++i) {
    const kind = randInt(10);
    if (kind < 5) {
      let a = point();
      let b = pick([() => point(), () => a, () => a.negate()])();
      out.push([encG1(a) + encG1(b), encG1(a.add(b))]);
    } else if (kind < 7) {
      out.push([corruptCoordinates(encG1(g1Sub()) + encG1(g1Sub()), 4), null]);
    } else if (kind < 9) {
      const good = encG1(point());
      out.push([randInt(2) ? offCurveG1() + good : good + offCurveG1(), null]);
    } else {
      const full = encG1(g1Sub()) + encG1(g1Sub());
      out.push([pick([full.slice(2), full + '00', '', full.slice(0, 256)]), null]);
    }
  }
  return out;
}

function g2add() {
  const out = [];
  const point = () =>
    pick([() => g2Sub(), () => g2Sub(), () => g2Curve(), () => G2.ZERO])();
  for (let i = 0; i < PER_PRECOMPILE; ++i) {
    const kind = randInt(10);
    if (kind < 5) {
      let a = point();
      let b = pick([() => point(), () => a, () => a.negate()])();
      out.push([encG2(a) + encG2(b), encG2(a.add(b))]);
    } else if (kind < 7) {
      out.push([corruptCoordinates(encG2(g2Sub()) + encG2(g2Sub()), 8), null]);
    } else if (kind < 9) {
      const good = encG2(point());
      out.push([randInt(2) ? offCurveG2() + good : good + offCurveG2(), null]);
    } else {
      const full = encG2(g2Sub()) + encG2(g2Sub());
      out.push([pick([full.slice(2), full + '00', '', full.slice(0, 512)]), null]);
    }
  }
  return out;
}

function randomScalar() {
  return pick([
    () => randBig(32),
    () => randBig(32),
    () => randBig(32) % R,
    () => 0n,
    () => 1n,
    () => R,
    () => R - 1n,
    () => R + 1n,
    () => (1n << 256n) - 1n,
    () => randBig(2),
  ])();
}

function mulMod(pt, k, zero) {
  const s = k % R;
  return s === 0n || pt.is0() ? zero : pt.multiply(s);
}

function msm(sub, curveNotSub, enc, offCurve, nCoords, zero, maxK) {
  const out = [];
  for (let i = 0; i < PER_PRECOMPILE; ++i) {
    const k = randInt(8) === 0 ? 1 + randInt(maxK * 4) : 1 + randInt(maxK);
    const pts = [];
    const ks = [];
    for (let j = 0; j < k; ++j) {
      pts.push(pick([() => sub(), () => sub(), () => sub(), () => zero, () => pts[0] ?? sub()])());
      ks.push(randomScalar());
    }
    let input = pts.map((p, j) => enc(p) + encScalar(ks[j])).join('');
    const kind = randInt(10);
    if (kind < 6) {
      let acc = zero;
      for (let j = 0; j < k; ++j) acc = acc.add(mulMod(pts[j], ks[j], zero));
      out.push([input, enc(acc)]);
      continue;
    }
    const j = randInt(k);
    const slot = 2 * (nCoords * 64 + 32) * j;
    const len = nCoords * 128;
    if (kind === 6) {
      input = input.slice(0, slot) + enc(curveNotSub()) + input.slice(slot + len);
    } else if (kind === 7) {
      input = input.slice(0, slot) + offCurve() + input.slice(slot + len);
    } else if (kind === 8) {
      input = input.slice(0, slot) + corruptCoordinates(input.slice(slot, slot + len), nCoords) +
        input.slice(slot + len);
    } else {
      input = pick([input.slice(2), input + '00', '', input.slice(0, input.length - 64)]);
    }
    out.push([input, null]);
  }
  return out;
}

function pairing() {
  const out = [];
  const one = '00'.repeat(31) + '01';
  const zero = '00'.repeat(32);
  for (let i = 0; i < PER_PRECOMPILE; ++i) {
    const kind = randInt(12);
    const pairs = [];
    if (kind < 4) {
      // A product that is 1: e(aP, bQ)·e(−abP, Q) (plus optional neutral pairs).
      const a = randScalarR();
      const b = randScalarR();
      const p = g1Sub();
      const q = g2Sub();
      pairs.push([p.multiply(a), q.multiply(b)], [p.multiply((a * b) % R).negate(), q]);
      if (randInt(2)) pairs.push(pick([[G1.ZERO, g2Sub()], [g1Sub(), G2.ZERO]]));
    } else if (kind < 7) {
      const k = 1 + randInt(3);
      for (let j = 0; j < k; ++j)
        pairs.push([pick([g1Sub, g1Sub, g1Sub, () => G1.ZERO])(), pick([g2Sub, g2Sub, g2Sub, () => G2.ZERO])()]);
    } else {
      const k = 1 + randInt(3);
      for (let j = 0; j < k; ++j) pairs.push([g1Sub(), g2Sub()]);
    }
    let input = pairs.map(([p, q]) => encG1(p) + encG2(q)).join('');
    if (kind < 7) {
      const live = pairs.filter(([p, q]) => !p.is0() && !q.is0()).map(([p, q]) => ({ g1: p, g2: q }));
      const ok = live.length === 0 || Fp12.eql(bls12_381.pairingBatch(live), Fp12.ONE);
      out.push([input, ok ? one : zero]);
      continue;
    }
    const j = randInt(pairs.length);
    const slot = 768 * j;
    if (kind === 7) input = input.slice(0, slot) + encG1(notInSubgroup1()) + input.slice(slot + 256);
    else if (kind === 8) input = input.slice(0, slot + 256) + encG2(notInSubgroup2()) + input.slice(slot + 768);
    else if (kind === 9) input = input.slice(0, slot) + offCurveG1() + input.slice(slot + 256);
    else if (kind === 10)
      input = input.slice(0, slot + 256) + corruptCoordinates(input.slice(slot + 256, slot + 768), 4) +
        input.slice(slot + 768);
    else input = pick([input.slice(2), input + '00', '', input.slice(0, input.length - 2)]);
    out.push([input, null]);
  }
  return out;
}

function mapG1() {
  const out = [];
  for (let i = 0; i < PER_PRECOMPILE; ++i) {
    const kind = randInt(10);
    if (kind < 7) {
      const u = pick([randFp, randFp, randFp, () => 0n, () => 1n, () => P - 1n, () => randBig(2)])();
      out.push([encFp(u), encG1(bls12_381.G1.mapToCurve(u))]);
    } else if (kind < 9) {
      out.push([corruptCoordinates(encFp(randFp()), 1), null]);
    } else {
      const e = encFp(randFp());
      out.push([pick([e.slice(2), e + '00', '', e + e]), null]);
    }
  }
  return out;
}

function mapG2() {
  const out = [];
  for (let i = 0; i < PER_PRECOMPILE; ++i) {
    const kind = randInt(10);
    if (kind < 7) {
      const c0 = pick([randFp, randFp, () => 0n, () => 1n, () => P - 1n])();
      const c1 = pick([randFp, randFp, () => 0n, () => 1n, () => P - 1n])();
      out.push([encFp(c0) + encFp(c1), encG2(bls12_381.G2.mapToCurve([c0, c1]))]);
    } else if (kind < 9) {
      out.push([corruptCoordinates(encFp(randFp()) + encFp(randFp()), 2), null]);
    } else {
      const e = encFp(randFp()) + encFp(randFp());
      out.push([pick([e.slice(2), e + '00', '', e.slice(0, 128)]), null]);
    }
  }
  return out;
}

function pointEvaluation() {
  // KZG_SETUP_G2_MONOMIAL[1] (execution-specs src/ethereum/crypto/kzg.py).
  const tau = G2.fromHex(
    'b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72' +
      '185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2',
  );
  const success = be(4096n, 32) + be(R, 32);
  // ZCash compressed encoding, written out so that points outside G1 can be encoded too.
  const compress = (pt) => {
    if (pt.is0()) return 'c0' + '00'.repeat(47);
    const a = pt.toAffine();
    const flags = 0x80n | (a.y > (P - 1n) / 2n ? 0x20n : 0n);
    return be(a.x | (flags << 376n), 48);
  };
  const versioned = (c) => '01' + createHash('sha256').update(Buffer.from(c, 'hex')).digest('hex').slice(2);
  function verify(cHex, z, y, piHex) {
    let C;
    let pi;
    try {
      C = cHex === 'c0' + '00'.repeat(47) ? G1.ZERO : G1.fromHex(cHex);
      pi = piHex === 'c0' + '00'.repeat(47) ? G1.ZERO : G1.fromHex(piHex);
    } catch {
      return null;
    }
    if (z >= R || y >= R) return null;
    const lhs = C.subtract(mulMod(G1.BASE, y, G1.ZERO));
    const rhs = tau.subtract(mulMod(G2.BASE, z, G2.ZERO));
    const live = [
      { g1: lhs, g2: G2.BASE.negate() },
      { g1: pi, g2: rhs },
    ].filter((e) => !e.g1.is0() && !e.g2.is0());
    return live.length === 0 || Fp12.eql(bls12_381.pairingBatch(live), Fp12.ONE);
  }
  const out = [];
  for (let i = 0; i < PER_PRECOMPILE; ++i) {
    const kind = randInt(10);
    let c;
    let pi;
    let z = randBig(32) % R;
    let y;
    if (kind < 4) {
      // The constant polynomial p(X) = y: C = [y]G1, π = O, any z.
      y = randBig(32) % R;
      c = compress(mulMod(G1.BASE, y, G1.ZERO));
      pi = compress(G1.ZERO);
    } else {
      y = randBig(32) % R;
      c = compress(g1Sub());
      pi = compress(pick([g1Sub, g1Sub, () => G1.ZERO])());
    }
    let vh = versioned(c);
    if (kind === 6) z = R + randBig(1); // z ≥ r
    if (kind === 7) y = pick([R, (1n << 256n) - 1n]); // y ≥ r
    if (kind === 8) {
      // An invalid commitment: not on the curve, not in the subgroup, or bad flags.
      c = pick([
        () => '8' + '0'.repeat(95), // x = 0: (0, ±2) is on the curve but not in G1
        () => compress(notInSubgroup1()),
        () => '40' + c.slice(2), // compression flag clear
        () => 'e0' + '00'.repeat(47), // infinity with the sign bit
        () => 'c0' + '00'.repeat(46) + '01', // infinity with a non-zero body
        () => 'bf' + 'ff'.repeat(47), // x ≥ p
      ])();
      vh = versioned(c);
    }
    if (kind === 9) vh = pick(['02' + vh.slice(2), vh.slice(0, 62) + '00', '01' + '00'.repeat(31)]);
    const input = vh + be(z, 32) + be(y, 32) + c + pi;
    let ok = null;
    if (vh === versioned(c)) ok = verify(c, z, y, pi);
    out.push([input, ok === true ? success : null]);
  }
  // Wrong lengths.
  for (const e of out.slice(0, 20)) out.push([e[0].slice(2), null]);
  return out;
}

const vectors = {
  g1add: g1add(),
  g2add: g2add(),
  g1msm: msm(g1Sub, notInSubgroup1, encG1, offCurveG1, 2, G1.ZERO, 6),
  g2msm: msm(g2Sub, notInSubgroup2, encG2, offCurveG2, 4, G2.ZERO, 4),
  pairing_check: pairing(),
  map_fp_to_g1: mapG1(),
  map_fp2_to_g2: mapG2(),
  point_evaluation: pointEvaluation(),
};
process.stdout.write(
  JSON.stringify({ generator: 'test/unit/crypto/bls12_381_oracle.mjs', noble_curves: '2.4.0', vectors }) + '\n',
);
