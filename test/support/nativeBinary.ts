/**
 * What a native module was built for, read from its own header: ELF (Linux; glibc or musl from the
 * C library it needs), Mach-O (macOS) or PE (Windows). Only 64-bit x64 and arm64 are told apart;
 * anything else is named by its raw machine number so a failure says what was found.
 */
export interface NativeTarget {
  os: 'linux' | 'darwin' | 'win32';
  arch: string;
  /** Linux only: the C library the binary links against. */
  libc?: 'glibc' | 'musl';
}

const ELF_MACHINES: Record<number, string> = { 0x3e: 'x64', 0xb7: 'arm64' };
const MACHO_CPUS: Record<number, string> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const PE_MACHINES: Record<number, string> = { 0x8664: 'x64', 0xaa64: 'arm64' };

export function nativeTarget(binary: Buffer): NativeTarget {
  if (binary.readUInt32BE(0) === 0x7f454c46) return elf(binary);
  if (binary.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = binary.readUInt32LE(4);
    return { os: 'darwin', arch: MACHO_CPUS[cpu] ?? `cpu 0x${cpu.toString(16)}` };
  }
  if (binary.toString('latin1', 0, 2) === 'MZ') {
    const pe = binary.readUInt32LE(0x3c);
    if (binary.toString('latin1', pe, pe + 4) !== 'PE\0\0') throw new Error('an MZ file without a PE header');
    const machine = binary.readUInt16LE(pe + 4);
    return { os: 'win32', arch: PE_MACHINES[machine] ?? `machine 0x${machine.toString(16)}` };
  }
  throw new Error(`not a native module: starts with ${binary.subarray(0, 4).toString('hex')}`);
}

/** A 64-bit little-endian ELF shared object: its machine, and the C library among its DT_NEEDED. */
function elf(binary: Buffer): NativeTarget {
  if (binary[4] !== 2 || binary[5] !== 1) throw new Error('not a 64-bit little-endian ELF file');
  const machine = binary.readUInt16LE(18);
  const arch = ELF_MACHINES[machine] ?? `machine 0x${machine.toString(16)}`;
  const programHeaders = Number(binary.readBigUInt64LE(32));
  const entrySize = binary.readUInt16LE(54);
  const count = binary.readUInt16LE(56);
  const segments = Array.from({ length: count }, (_, index) => {
    const at = programHeaders + index * entrySize;
    return {
      type: binary.readUInt32LE(at),
      offset: Number(binary.readBigUInt64LE(at + 8)),
      address: Number(binary.readBigUInt64LE(at + 16)),
      size: Number(binary.readBigUInt64LE(at + 32)),
    };
  });
  const PT_LOAD = 1;
  const PT_DYNAMIC = 2;
  const toOffset = (address: number) => {
    const load = segments.find((segment) => segment.type === PT_LOAD && address >= segment.address && address < segment.address + segment.size);
    if (!load) throw new Error(`address 0x${address.toString(16)} is in no loaded segment`);
    return address - load.address + load.offset;
  };
  const dynamic = segments.find((segment) => segment.type === PT_DYNAMIC);
  if (!dynamic) throw new Error('an ELF file without a dynamic section');
  const needed: number[] = [];
  let strings = -1;
  for (let at = dynamic.offset; at < dynamic.offset + dynamic.size; at += 16) {
    const tag = Number(binary.readBigInt64LE(at));
    const value = Number(binary.readBigUInt64LE(at + 8));
    if (tag === 0) break; // DT_NULL
    if (tag === 1) needed.push(value); // DT_NEEDED
    if (tag === 5) strings = toOffset(value); // DT_STRTAB
  }
  const names = needed.map((offset) => binary.toString('latin1', strings + offset, binary.indexOf(0, strings + offset)));
  const libc = names.some((name) => name.startsWith('libc.musl-')) ? 'musl' : names.includes('libc.so.6') ? 'glibc' : undefined;
  if (!libc) throw new Error(`an ELF file that needs no known C library (${names.join(', ')})`);
  return { os: 'linux', arch, libc };
}
