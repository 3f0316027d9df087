"""JVM class files → smali source, so Debian's smali assembler can make classes.dex from javac's
output where no Java-to-dex compiler is packaged (Debian 12, PyPI and npm have none).

A straightforward translation for apps written against the sim's Android subset, compiled
with `javac --release 8` (no invokedynamic string concatenation, no nestmates):

- registers: v0..v5 are scratch, then one register per JVM local, then one per JVM operand
  stack slot, then the parameters (which Dalvik passes in the last registers and which are
  copied into the locals at entry). Every operation moves its operands into scratch
  registers first, so the 4-bit register limits of many Dalvik instructions never bite.
- the kind (narrow, wide, reference) of each stack slot comes from a data-flow pass over the
  bytecode; locals take the kind their load/store opcode names.
- lambdas (LambdaMetafactory) become one small class per call site that holds the captured
  values, as Android's own desugaring does; the private synthetic `lambda$` methods they call
  lose `private` so that class may call them.

Dalvik semantics from source.android.com/docs/core/runtime/dalvik-bytecode; the class-file
format from the JVM specification, chapter 4. Not supported (a clear error, never a wrong
translation): jsr/ret, multianewarray, synchronized methods, method handles and dynamic
constants other than lambdas.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SCRATCH = 6


class TranslationError(Exception):
    pass


# -- class files -----------------------------------------------------------------------------


def _mutf8(raw: bytes) -> str:
    text = raw.replace(b"\xc0\x80", b"\0").decode("utf-8", errors="surrogatepass")
    return text.encode("utf-16", "surrogatepass").decode("utf-16")


@dataclass
class Method:
    access: int
    name: str
    desc: str
    max_stack: int = 0
    max_locals: int = 0
    code: bytes = b""
    handlers: list[tuple[int, int, int, str | None]] = field(default_factory=list)


@dataclass
class FieldInfo:
    access: int
    name: str
    desc: str
    constant: object = None


class ClassFile:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 8
        if data[:4] != b"\xca\xfe\xba\xbe":
            raise TranslationError("not a class file")
        count = self.u2()
        self.cp: list[tuple[int, object]] = [(0, None)] * count
        index = 1
        while index < count:
            tag = self.u1()
            if tag == 1:
                length = self.u2()
                self.cp[index] = (tag, _mutf8(self.bytes(length)))
            elif tag in (3, 4):
                self.cp[index] = (tag, self.bytes(4))
            elif tag in (5, 6):
                self.cp[index] = (tag, self.bytes(8))
                index += 1
            elif tag in (7, 8, 16, 19, 20):
                self.cp[index] = (tag, self.u2())
            elif tag in (9, 10, 11, 12, 17, 18):
                self.cp[index] = (tag, (self.u2(), self.u2()))
            elif tag == 15:
                self.cp[index] = (tag, (self.u1(), self.u2()))
            else:
                raise TranslationError(f"unknown constant pool tag {tag}")
            index += 1
        self.access = self.u2()
        self.name = self.class_name(self.u2())
        super_index = self.u2()
        self.super_name = self.class_name(super_index) if super_index else None
        self.interfaces = [self.class_name(self.u2()) for _ in range(self.u2())]
        self.fields = [self._field() for _ in range(self.u2())]
        self.methods = [self._method() for _ in range(self.u2())]
        self.source: str | None = None
        self.bootstrap: list[tuple[int, list[int]]] = []
        for name, body in self._attributes():
            if name == "SourceFile":
                self.source = self.utf8(struct.unpack(">H", body)[0])
            elif name == "BootstrapMethods":
                self.bootstrap = self._bootstrap(body)

    def u1(self) -> int:
        self.pos += 1
        return self.data[self.pos - 1]

    def u2(self) -> int:
        self.pos += 2
        return int(struct.unpack_from(">H", self.data, self.pos - 2)[0])

    def u4(self) -> int:
        self.pos += 4
        return int(struct.unpack_from(">I", self.data, self.pos - 4)[0])

    def bytes(self, length: int) -> bytes:
        self.pos += length
        return self.data[self.pos - length : self.pos]

    def _attributes(self) -> Iterator[tuple[str, bytes]]:
        for _ in range(self.u2()):
            name = self.utf8(self.u2())
            yield name, self.bytes(self.u4())

    def utf8(self, index: int) -> str:
        tag, value = self.cp[index]
        if tag != 1 or not isinstance(value, str):
            raise TranslationError(f"constant {index} is not UTF-8")
        return value

    def class_name(self, index: int) -> str:
        tag, value = self.cp[index]
        if tag != 7 or not isinstance(value, int):
            raise TranslationError(f"constant {index} is not a class")
        return self.utf8(value)

    def name_and_type(self, index: int) -> tuple[str, str]:
        _, value = self.cp[index]
        assert isinstance(value, tuple)
        return self.utf8(value[0]), self.utf8(value[1])

    def member(self, index: int) -> tuple[str, str, str]:
        _, value = self.cp[index]
        assert isinstance(value, tuple)
        name, desc = self.name_and_type(value[1])
        return self.class_name(value[0]), name, desc

    def _field(self) -> FieldInfo:
        info = FieldInfo(self.u2(), self.utf8(self.u2()), self.utf8(self.u2()))
        for name, body in self._attributes():
            if name == "ConstantValue":
                info.constant = self.cp[struct.unpack(">H", body)[0]]
        return info

    def _method(self) -> Method:
        method = Method(self.u2(), self.utf8(self.u2()), self.utf8(self.u2()))
        for name, body in self._attributes():
            if name == "Code":
                method.max_stack, method.max_locals, length = struct.unpack_from(">HHI", body, 0)
                method.code = body[8 : 8 + length]
                at = 8 + length
                (count,) = struct.unpack_from(">H", body, at)
                for index in range(count):
                    start, end, handler, kind = struct.unpack_from(">HHHH", body, at + 2 + 8 * index)
                    method.handlers.append((start, end, handler, self.class_name(kind) if kind else None))
        return method

    def _bootstrap(self, body: bytes) -> list[tuple[int, list[int]]]:
        (count,) = struct.unpack_from(">H", body, 0)
        at, found = 2, []
        for _ in range(count):
            ref, argc = struct.unpack_from(">HH", body, at)
            args = list(struct.unpack_from(f">{argc}H", body, at + 4))
            found.append((ref, args))
            at += 4 + 2 * argc
        return found


# -- types -----------------------------------------------------------------------------------


def split_desc(desc: str) -> tuple[list[str], str]:
    params, at = [], 1
    while desc[at] != ")":
        start = at
        while desc[at] == "[":
            at += 1
        at = desc.index(";", at) + 1 if desc[at] == "L" else at + 1
        params.append(desc[start:at])
    return params, desc[at + 1 :]


def kind_of(desc: str) -> str:
    """N narrow primitive, W wide (two registers), A reference, V void."""
    if desc in ("J", "D"):
        return "W"
    if desc[0] in "L[":
        return "A"
    return "V" if desc == "V" else "N"


def slots(kind: str) -> list[str]:
    return ["W", "H"] if kind == "W" else [kind]


def type_desc(name: str) -> str:
    return name if name.startswith("[") else f"L{name};"


def move(kind: str) -> str:
    return {"N": "move/16", "W": "move-wide/16", "A": "move-object/16"}[kind]


def literal(text: str) -> str:
    out = []
    for char in text:
        if char in "\"'\\":
            out.append("\\" + char)
        elif 0x20 <= ord(char) < 0x7F:
            out.append(char)
        else:
            out.extend(f"\\u{unit:04x}" for unit in struct.unpack(f">{len(char.encode('utf-16-be')) // 2}H",
                                                                   char.encode("utf-16-be")))  # fmt: skip
    return '"' + "".join(out) + '"'


FLAGS = [(0x0001, "public"), (0x0002, "private"), (0x0004, "protected"), (0x0008, "static"),
         (0x0010, "final"), (0x0040, "volatile"), (0x0080, "transient"), (0x0100, "native"),
         (0x0200, "interface"), (0x0400, "abstract"), (0x0800, "strictfp"), (0x1000, "synthetic"),
         (0x2000, "annotation"), (0x4000, "enum")]  # fmt: skip
METHOD_FLAGS = [(0x0040, "bridge"), (0x0080, "varargs")]


def flag_words(access: int, method: bool = False) -> str:
    table = [f for f in FLAGS if not (method and f[0] in (0x0040, 0x0080))] + (METHOD_FLAGS if method else [])
    return " ".join(word for bit, word in table if access & bit)


# -- bytecode --------------------------------------------------------------------------------

_SIZES = {
    16: 2,
    17: 3,
    18: 2,
    19: 3,
    20: 3,
    132: 3,
    178: 3,
    179: 3,
    180: 3,
    181: 3,
    182: 3,
    183: 3,
    184: 3,
    185: 5,
    186: 5,
    187: 3,
    188: 2,
    189: 3,
    192: 3,
    193: 3,
    197: 4,
    200: 5,
    201: 5,
}
for _op in range(21, 26):
    _SIZES[_op] = 2
for _op in range(54, 59):
    _SIZES[_op] = 2
for _op in [*range(153, 169), 198, 199]:
    _SIZES[_op] = 3
_SIZES[169] = 2


@dataclass
class Insn:
    pc: int
    op: int
    operands: tuple[int, ...] = ()
    targets: tuple[int, ...] = ()
    cases: tuple[tuple[int, int], ...] = ()  # switch (key, target)
    default: int = -1


def decode(code: bytes) -> list[Insn]:
    insns, pc = [], 0
    while pc < len(code):
        op = code[pc]
        if op == 196:  # wide
            inner = code[pc + 1]
            (index,) = struct.unpack_from(">H", code, pc + 2)
            if inner == 132:
                (delta,) = struct.unpack_from(">h", code, pc + 4)
                insns.append(Insn(pc, 132, (index, delta)))
                pc += 6
            else:
                insns.append(Insn(pc, inner, (index,)))
                pc += 4
            continue
        if op in (170, 171):
            at = (pc + 4) & ~3
            if op == 170:
                default, low, high = struct.unpack_from(">iii", code, at)
                offsets = struct.unpack_from(f">{high - low + 1}i", code, at + 12)
                cases = tuple((low + i, pc + off) for i, off in enumerate(offsets))
                size = at + 12 + 4 * len(offsets) - pc
            else:
                default, count = struct.unpack_from(">ii", code, at)
                pairs = struct.unpack_from(f">{2 * count}i", code, at + 8)
                cases = tuple((pairs[2 * i], pc + pairs[2 * i + 1]) for i in range(count))
                size = at + 8 + 8 * count - pc
            insns.append(Insn(pc, op, cases=cases, default=pc + default))
            pc += size
            continue
        size = _SIZES.get(op, 1)
        raw = code[pc + 1 : pc + size]
        insn = Insn(pc, op)
        if op in (16, 188):
            insn.operands = (struct.unpack(">b", raw)[0] if op == 16 else raw[0],)
        elif op == 17:
            insn.operands = (struct.unpack(">h", raw)[0],)
        elif op == 132:
            insn.operands = (raw[0], struct.unpack(">b", raw[1:2])[0])
        elif op in (153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 198, 199):
            insn.targets = (pc + struct.unpack(">h", raw)[0],)
        elif op == 200:
            insn.targets = (pc + struct.unpack(">i", raw)[0],)
        elif op in (168, 169, 201):
            raise TranslationError("jsr/ret subroutines are not supported")
        elif size == 2:
            insn.operands = (raw[0],)
        elif size >= 3:
            insn.operands = (struct.unpack(">H", raw[:2])[0],)
        insns.append(insn)
        pc += size
    return insns


BINOPS = {
    96: ("add-int", "N"),
    97: ("add-long", "W"),
    98: ("add-float", "N"),
    99: ("add-double", "W"),
    100: ("sub-int", "N"),
    101: ("sub-long", "W"),
    102: ("sub-float", "N"),
    103: ("sub-double", "W"),
    104: ("mul-int", "N"),
    105: ("mul-long", "W"),
    106: ("mul-float", "N"),
    107: ("mul-double", "W"),
    108: ("div-int", "N"),
    109: ("div-long", "W"),
    110: ("div-float", "N"),
    111: ("div-double", "W"),
    112: ("rem-int", "N"),
    113: ("rem-long", "W"),
    114: ("rem-float", "N"),
    115: ("rem-double", "W"),
    120: ("shl-int", "N"),
    121: ("shl-long", "W"),
    122: ("shr-int", "N"),
    123: ("shr-long", "W"),
    124: ("ushr-int", "N"),
    125: ("ushr-long", "W"),
    126: ("and-int", "N"),
    127: ("and-long", "W"),
    128: ("or-int", "N"),
    129: ("or-long", "W"),
    130: ("xor-int", "N"),
    131: ("xor-long", "W"),
}
UNOPS = {
    116: ("neg-int", "N", "N"),
    117: ("neg-long", "W", "W"),
    118: ("neg-float", "N", "N"),
    119: ("neg-double", "W", "W"),
    133: ("int-to-long", "N", "W"),
    134: ("int-to-float", "N", "N"),
    135: ("int-to-double", "N", "W"),
    136: ("long-to-int", "W", "N"),
    137: ("long-to-float", "W", "N"),
    138: ("long-to-double", "W", "W"),
    139: ("float-to-int", "N", "N"),
    140: ("float-to-long", "N", "W"),
    141: ("float-to-double", "N", "W"),
    142: ("double-to-int", "W", "N"),
    143: ("double-to-long", "W", "W"),
    144: ("double-to-float", "W", "N"),
    145: ("int-to-byte", "N", "N"),
    146: ("int-to-char", "N", "N"),
    147: ("int-to-short", "N", "N"),
}
COMPARES = {
    148: ("cmp-long", "W"),
    149: ("cmpl-float", "N"),
    150: ("cmpg-float", "N"),
    151: ("cmpl-double", "W"),
    152: ("cmpg-double", "W"),
}
IF_ZERO = {153: "eqz", 154: "nez", 155: "ltz", 156: "gez", 157: "gtz", 158: "lez", 198: "eqz", 199: "nez"}
IF_TWO = {159: "eq", 160: "ne", 161: "lt", 162: "ge", 163: "gt", 164: "le", 165: "eq", 166: "ne"}
ARRAY_LOADS = {
    46: ("aget", "N"),
    47: ("aget-wide", "W"),
    48: ("aget", "N"),
    49: ("aget-wide", "W"),
    50: ("aget-object", "A"),
    51: ("aget-byte", "N"),
    52: ("aget-char", "N"),
    53: ("aget-short", "N"),
}
ARRAY_STORES = {
    79: ("aput", "N"),
    80: ("aput-wide", "W"),
    81: ("aput", "N"),
    82: ("aput-wide", "W"),
    83: ("aput-object", "A"),
    84: ("aput-byte", "N"),
    85: ("aput-char", "N"),
    86: ("aput-short", "N"),
}
NEWARRAY = {4: "[Z", 5: "[C", 6: "[F", 7: "[D", 8: "[B", 9: "[S", 10: "[I", 11: "[J"}
LOAD_KINDS = {21: "N", 22: "W", 23: "N", 24: "W", 25: "A"}
STORE_KINDS = {54: "N", 55: "W", 56: "N", 57: "W", 58: "A"}
MOVE_RESULT = {"N": "move-result v0", "W": "move-result-wide v0", "A": "move-result-object v0"}
RETURN = {"N": "return v0", "W": "return-wide v0", "A": "return-object v0"}
RETURN_KINDS = {172: "N", 173: "W", 174: "N", 175: "W", 176: "A"}


def field_suffix(desc: str) -> str:
    return {"J": "-wide", "D": "-wide", "Z": "-boolean", "B": "-byte", "C": "-char", "S": "-short"}.get(
        desc, "-object" if desc[0] in "L[" else ""
    )


def local_op(op: int) -> tuple[str, str, int] | None:
    """(load|store, kind, index) for the short forms iload_0 … astore_3 and the indexed ones."""
    if 26 <= op <= 45:
        return "load", "NWNWA"[(op - 26) // 4], (op - 26) % 4
    if 59 <= op <= 78:
        return "store", "NWNWA"[(op - 59) // 4], (op - 59) % 4
    return None


# -- translation -----------------------------------------------------------------------------


@dataclass
class Lambda:
    name: str
    interface: str
    sam_name: str
    sam_desc: str
    captured: list[str]
    impl_kind: int
    impl_owner: str
    impl_name: str
    impl_desc: str


class MethodTranslator:
    def __init__(self, cls: ClassFile, method: Method, lambdas: list[Lambda]) -> None:
        self.cls, self.method, self.lambdas = cls, method, lambdas
        self.insns = decode(method.code)
        self.at = {insn.pc: i for i, insn in enumerate(self.insns)}
        self.out: list[str] = []
        self.payloads: list[str] = []

    def local(self, index: int) -> int:
        return SCRATCH + index

    def stack(self, depth: int) -> int:
        return SCRATCH + self.method.max_locals + depth

    # data flow: the kinds on the operand stack before each instruction
    def analyse(self) -> dict[int, list[str]]:
        before: dict[int, list[str]] = {0: []}
        for _, _, handler, _ in self.method.handlers:
            before[handler] = ["A"]
        work = sorted(before)
        while work:
            pc = work.pop()
            insn = self.insns[self.at[pc]]
            after = self.effect(insn, list(before[pc]))
            successors = list(insn.targets) + [target for _, target in insn.cases]
            if insn.default >= 0:
                successors.append(insn.default)
            if insn.op not in (167, 200, 170, 171, 172, 173, 174, 175, 176, 177, 191):
                index = self.at[pc] + 1
                if index < len(self.insns):
                    successors.append(self.insns[index].pc)
            for target in successors:
                if target not in before:
                    before[target] = after
                    work.append(target)
                elif len(before[target]) != len(after):
                    raise TranslationError(f"{self.where()}: stack heights differ at {target}")
        return before

    def where(self) -> str:
        return f"{self.cls.name}.{self.method.name}{self.method.desc}"

    def const_kind(self, index: int) -> str:
        tag = self.cls.cp[index][0]
        return {3: "N", 4: "N", 5: "W", 6: "W", 7: "A", 8: "A"}.get(tag, "?")

    def effect(self, insn: Insn, stack: list[str]) -> list[str]:
        op = insn.op

        def pop(kind: str) -> None:
            for _ in slots(kind):
                stack.pop()

        def push(kind: str) -> None:
            if kind != "V":
                stack.extend(slots(kind))

        short = local_op(op)
        if op == 0 or op == 132 or op in (167, 200):
            pass
        elif op == 1:
            push("A")
        elif 2 <= op <= 8 or op in (11, 12, 13, 16, 17):
            push("N")
        elif op in (9, 10, 14, 15):
            push("W")
        elif op in (18, 19, 20):
            kind = self.const_kind(insn.operands[0])
            if kind == "?":
                raise TranslationError(f"{self.where()}: unsupported ldc constant")
            push(kind)
        elif op in LOAD_KINDS:
            push(LOAD_KINDS[op])
        elif short is not None:
            (pop if short[0] == "store" else push)(short[1])
        elif op in ARRAY_LOADS:
            pop("N")
            pop("A")
            push(ARRAY_LOADS[op][1])
        elif op in STORE_KINDS:
            pop(STORE_KINDS[op])
        elif op in ARRAY_STORES:
            pop(ARRAY_STORES[op][1])
            pop("N")
            pop("A")
        elif op == 87:
            stack.pop()
        elif op == 88:
            stack.pop()
            stack.pop()
        elif 89 <= op <= 95:
            stack[:] = self.shuffle(op, stack)[0]
        elif op in BINOPS:
            name, kind = BINOPS[op]
            if name.startswith(("shl-long", "shr-long", "ushr-long")):
                pop("N")
            else:
                pop(kind)
            pop(kind)
            push(kind)
        elif op in UNOPS:
            pop(UNOPS[op][1])
            push(UNOPS[op][2])
        elif op in COMPARES:
            pop(COMPARES[op][1])
            pop(COMPARES[op][1])
            push("N")
        elif op in IF_ZERO or op in (170, 171):
            stack.pop()
        elif op in IF_TWO:
            stack.pop()
            stack.pop()
        elif op in RETURN_KINDS:
            pop(RETURN_KINDS[op])
        elif op == 177:
            pass
        elif op in (178, 179, 180, 181):
            _, _, desc = self.cls.member(insn.operands[0])
            if op in (179, 181):
                pop(kind_of(desc))
            if op in (180, 181):
                pop("A")
            if op in (178, 180):
                push(kind_of(desc))
        elif op in (182, 183, 184, 185):
            _, _, desc = self.cls.member(insn.operands[0])
            params, ret = split_desc(desc)
            for param in reversed(params):
                pop(kind_of(param))
            if op != 184:
                pop("A")
            push(kind_of(ret))
        elif op == 186:
            _, value = self.cls.cp[insn.operands[0]]
            assert isinstance(value, tuple)
            _, desc = self.cls.name_and_type(value[1])
            params, _ = split_desc(desc)
            for param in reversed(params):
                pop(kind_of(param))
            push("A")
        elif op == 187:
            push("A")
        elif op in (188, 189):
            pop("N")
            push("A")
        elif op == 190:
            pop("A")
            push("N")
        elif op == 191 or op in (194, 195):
            pop("A")
        elif op == 192:
            pass
        elif op == 193:
            pop("A")
            push("N")
        else:
            raise TranslationError(f"{self.where()}: opcode {op} is not supported")
        return stack

    def shuffle(self, op: int, stack: list[str]) -> tuple[list[str], list[int]]:
        """dup…swap: the new stack, and for each new top slot the old slot it copies."""
        depth = len(stack)
        order = {
            89: [1, 1],  # dup: ..a → ..a a   (indexes from the top, 1 = top)
            90: [1, 2, 1],
            91: [1, 3, 2, 1],
            92: [2, 1, 2, 1],
            93: [2, 1, 3, 2, 1],
            94: [2, 1, 4, 3, 2, 1],
            95: [1, 2],
        }[op]
        consumed = {89: 1, 90: 2, 91: 3, 92: 2, 93: 3, 94: 4, 95: 2}[op]
        sources = [depth - k for k in order]
        new = stack[: depth - consumed] + [stack[s] for s in sources]
        return new, sources

    # emission helpers
    def emit(self, line: str) -> None:
        self.out.append("    " + line)

    def to_scratch(self, kind: str, register: int, scratch: int) -> None:
        self.emit(f"{move(kind)} v{scratch}, v{register}")

    def from_scratch(self, kind: str, scratch: int, register: int) -> None:
        self.emit(f"{move(kind)} v{register}, v{scratch}")

    def translate(self) -> list[str]:
        method = self.method
        params, _ = split_desc(method.desc)
        kinds = ([] if method.access & 0x0008 else ["A"]) + [kind_of(p) for p in params]
        ins = sum(len(slots(k)) for k in kinds)
        # the stack region is doubled (+1): invokedynamic copies its captured values above the top
        registers = SCRATCH + method.max_locals + 2 * method.max_stack + 1 + ins
        first_param = registers - ins
        self.out.append(f"    .registers {registers}")
        offset = 0
        for kind in kinds:
            self.emit(f"{move(kind)} v{self.local(offset)}, v{first_param + offset}")
            offset += len(slots(kind))
        before = self.analyse()
        for start, end, handler, kind in method.handlers:
            if start in before and end > start:
                catch = f".catch {type_desc(kind)}" if kind else ".catchall"
                self.out.append(f"    {catch} {{:L{start} .. :L{end}}} :L{handler}")
        handlers = {h for _, _, h, _ in method.handlers}
        for insn in self.insns:
            self.out.append(f"  :L{insn.pc}")
            if insn.pc not in before:
                self.emit("nop")
                continue
            if insn.pc in handlers:
                self.emit("move-exception v0")
                self.from_scratch("A", 0, self.stack(0))
            self.instruction(insn, before[insn.pc])
        self.out.append(f"  :L{len(method.code)}")
        self.emit("nop")
        return self.out + self.payloads

    def top(self, stack: list[str], from_top: int) -> int:
        """The register of the value whose first slot is `from_top` slots below the top."""
        return self.stack(len(stack) - from_top)

    def instruction(self, insn: Insn, stack: list[str]) -> None:
        op, depth = insn.op, len(stack)
        short = local_op(op)
        result = self.stack(depth)  # where a pushed value lands when nothing is popped
        if op == 0:
            self.emit("nop")
        elif op == 1:
            self.emit("const/4 v0, 0x0")
            self.from_scratch("A", 0, result)
        elif 2 <= op <= 8 or op in (16, 17):
            value = op - 3 if op <= 8 else insn.operands[0]
            self.emit(f"const v0, {value}")
            self.from_scratch("N", 0, result)
        elif op in (11, 12, 13):
            self.emit(f"const v0, {struct.unpack('>i', struct.pack('>f', float(op - 11)))[0]}")
            self.from_scratch("N", 0, result)
        elif op in (9, 10, 14, 15):
            bits = op - 9 if op <= 10 else struct.unpack(">q", struct.pack(">d", float(op - 14)))[0]
            self.emit(f"const-wide v0, {bits}L")
            self.from_scratch("W", 0, result)
        elif op in (18, 19, 20):
            self.ldc(insn.operands[0], result)
        elif op in LOAD_KINDS or (short and short[0] == "load"):
            kind, index = (LOAD_KINDS[op], insn.operands[0]) if op in LOAD_KINDS else (short[1], short[2])  # type: ignore[index]
            self.emit(f"{move(kind)} v{result}, v{self.local(index)}")
        elif op in STORE_KINDS or (short and short[0] == "store"):
            kind, index = (STORE_KINDS[op], insn.operands[0]) if op in STORE_KINDS else (short[1], short[2])  # type: ignore[index]
            self.emit(f"{move(kind)} v{self.local(index)}, v{self.top(stack, len(slots(kind)))}")
        elif op in ARRAY_LOADS:
            name, kind = ARRAY_LOADS[op]
            self.to_scratch("A", self.top(stack, 2), 2)
            self.to_scratch("N", self.top(stack, 1), 3)
            self.emit(f"{name} v0, v2, v3")
            self.from_scratch(kind, 0, self.stack(depth - 2))
        elif op in ARRAY_STORES:
            name, kind = ARRAY_STORES[op]
            width = len(slots(kind))
            self.to_scratch("A", self.top(stack, width + 2), 2)
            self.to_scratch("N", self.top(stack, width + 1), 3)
            self.to_scratch(kind, self.top(stack, width), 0)
            self.emit(f"{name} v0, v2, v3")
        elif op in (87, 88):
            pass
        elif 89 <= op <= 95:
            self.shuffle_registers(op, stack)
        elif op in BINOPS:
            name, kind = BINOPS[op]
            second = "N" if name.startswith(("shl-long", "shr-long", "ushr-long")) else kind
            width2 = len(slots(second))
            width1 = len(slots(kind))
            self.to_scratch(kind, self.top(stack, width1 + width2), 0)
            self.to_scratch(second, self.top(stack, width2), 2)
            self.emit(f"{name} v0, v0, v2")
            self.from_scratch(kind, 0, self.stack(depth - width1 - width2))
        elif op in UNOPS:
            name, source, target = UNOPS[op]
            width = len(slots(source))
            self.to_scratch(source, self.top(stack, width), 2)
            self.emit(f"{name} v0, v2")
            self.from_scratch(target, 0, self.stack(depth - width))
        elif op in COMPARES:
            name, kind = COMPARES[op]
            width = len(slots(kind))
            self.to_scratch(kind, self.top(stack, 2 * width), 0)
            self.to_scratch(kind, self.top(stack, width), 2)
            self.emit(f"{name} v4, v0, v2")
            self.from_scratch("N", 4, self.stack(depth - 2 * width))
        elif op in IF_ZERO:
            self.to_scratch("A" if op in (198, 199) else "N", self.top(stack, 1), 0)
            self.emit(f"if-{IF_ZERO[op]} v0, :L{insn.targets[0]}")
        elif op in IF_TWO:
            kind = "A" if op in (165, 166) else "N"
            self.to_scratch(kind, self.top(stack, 2), 0)
            self.to_scratch(kind, self.top(stack, 1), 1)
            self.emit(f"if-{IF_TWO[op]} v0, v1, :L{insn.targets[0]}")
        elif op in (167, 200):
            self.emit(f"goto/32 :L{insn.targets[0]}")
        elif op == 132:
            index, delta = insn.operands
            self.to_scratch("N", self.local(index), 0)
            self.emit(f"add-int/lit16 v0, v0, {delta}")
            self.from_scratch("N", 0, self.local(index))
        elif op in (170, 171):
            self.switch(insn, stack)
        elif op in RETURN_KINDS:
            kind = RETURN_KINDS[op]
            self.to_scratch(kind, self.top(stack, len(slots(kind))), 0)
            self.emit(RETURN[kind])
        elif op == 177:
            self.emit("return-void")
        elif op in (178, 179, 180, 181):
            self.field_access(insn, stack)
        elif op in (182, 183, 184, 185):
            self.invoke(insn, stack)
        elif op == 186:
            self.invoke_dynamic(insn, stack)
        elif op == 187:
            self.emit(f"new-instance v0, {type_desc(self.cls.class_name(insn.operands[0]))}")
            self.from_scratch("A", 0, result)
        elif op in (188, 189):
            array = (
                NEWARRAY[insn.operands[0]]
                if op == 188
                else "[" + type_desc(self.cls.class_name(insn.operands[0]))
            )
            self.to_scratch("N", self.top(stack, 1), 2)
            self.emit(f"new-array v0, v2, {array}")
            self.from_scratch("A", 0, self.stack(depth - 1))
        elif op == 190:
            self.to_scratch("A", self.top(stack, 1), 2)
            self.emit("array-length v0, v2")
            self.from_scratch("N", 0, self.stack(depth - 1))
        elif op == 191:
            self.to_scratch("A", self.top(stack, 1), 0)
            self.emit("throw v0")
        elif op == 192:
            self.to_scratch("A", self.top(stack, 1), 0)
            self.emit(f"check-cast v0, {type_desc(self.cls.class_name(insn.operands[0]))}")
            self.from_scratch("A", 0, self.top(stack, 1))
        elif op == 193:
            self.to_scratch("A", self.top(stack, 1), 2)
            self.emit(f"instance-of v0, v2, {type_desc(self.cls.class_name(insn.operands[0]))}")
            self.from_scratch("N", 0, self.stack(depth - 1))
        elif op in (194, 195):
            self.to_scratch("A", self.top(stack, 1), 0)
            self.emit("monitor-enter v0" if op == 194 else "monitor-exit v0")
        else:
            raise TranslationError(f"{self.where()}: opcode {op} is not supported")

    def ldc(self, index: int, result: int) -> None:
        tag, value = self.cls.cp[index]
        if tag == 3 or tag == 4:
            assert isinstance(value, bytes)
            self.emit(f"const v0, {struct.unpack('>i', value)[0]}")
            self.from_scratch("N", 0, result)
        elif tag in (5, 6):
            assert isinstance(value, bytes)
            self.emit(f"const-wide v0, {struct.unpack('>q', value)[0]}L")
            self.from_scratch("W", 0, result)
        elif tag == 8:
            assert isinstance(value, int)
            self.emit(f"const-string v0, {literal(self.cls.utf8(value))}")
            self.from_scratch("A", 0, result)
        elif tag == 7:
            self.emit(f"const-class v0, {type_desc(self.cls.class_name(index))}")
            self.from_scratch("A", 0, result)
        else:
            raise TranslationError(f"{self.where()}: ldc of constant tag {tag} is not supported")

    def shuffle_registers(self, op: int, stack: list[str]) -> None:
        """Sources and targets overlap: every copied value goes through scratch first."""
        new, sources = self.shuffle(op, stack)
        base = len(new) - len(sources)
        saved: list[tuple[int, str, int]] = []  # (target slot, kind, scratch register)
        scratch = position = 0
        while position < len(sources):
            kind = stack[sources[position]]
            if kind == "H":
                raise TranslationError(f"{self.where()}: a stack shuffle splits a long or double")
            width = len(slots(kind))
            if scratch + width > SCRATCH:
                raise TranslationError(f"{self.where()}: stack shuffle too wide")
            saved.append((base + position, kind, scratch))
            self.to_scratch(kind, self.stack(sources[position]), scratch)
            scratch += width
            position += width
        for target, kind, register in saved:
            self.from_scratch(kind, register, self.stack(target))

    def switch(self, insn: Insn, stack: list[str]) -> None:
        self.to_scratch("N", self.top(stack, 1), 0)
        label = f"switch_{insn.pc}"
        if insn.op == 170:
            self.emit(f"packed-switch v0, :{label}")
            self.payloads.append(f"  :{label}")
            self.payloads.append(f"    .packed-switch {insn.cases[0][0] if insn.cases else 0}")
            self.payloads.extend(f"        :L{target}" for _, target in insn.cases)
            self.payloads.append("    .end packed-switch")
        else:
            self.emit(f"sparse-switch v0, :{label}")
            self.payloads.append(f"  :{label}")
            self.payloads.append("    .sparse-switch")
            self.payloads.extend(f"        {key} -> :L{target}" for key, target in insn.cases)
            self.payloads.append("    .end sparse-switch")
        self.emit(f"goto/32 :L{insn.default}")

    def field_access(self, insn: Insn, stack: list[str]) -> None:
        owner, name, desc = self.cls.member(insn.operands[0])
        ref = f"{type_desc(owner)}->{name}:{desc}"
        kind = kind_of(desc)
        width = len(slots(kind))
        depth = len(stack)
        suffix = field_suffix(desc)
        if insn.op == 178:
            self.emit(f"sget{suffix} v0, {ref}")
            self.from_scratch(kind, 0, self.stack(depth))
        elif insn.op == 179:
            self.to_scratch(kind, self.top(stack, width), 0)
            self.emit(f"sput{suffix} v0, {ref}")
        elif insn.op == 180:
            self.to_scratch("A", self.top(stack, 1), 2)
            self.emit(f"iget{suffix} v0, v2, {ref}")
            self.from_scratch(kind, 0, self.stack(depth - 1))
        else:
            self.to_scratch("A", self.top(stack, width + 1), 2)
            self.to_scratch(kind, self.top(stack, width), 0)
            self.emit(f"iput{suffix} v0, v2, {ref}")

    def call(self, kind: str, first: int, count: int, ref: str, ret: str, result: int) -> None:
        if count == 0:
            self.emit(f"invoke-{kind} {{}}, {ref}")
        else:
            self.emit(f"invoke-{kind}/range {{v{first} .. v{first + count - 1}}}, {ref}")
        ret_kind = kind_of(ret)
        if ret_kind != "V":
            self.emit(
                {"N": "move-result v0", "W": "move-result-wide v0", "A": "move-result-object v0"}[ret_kind]
            )
            self.from_scratch(ret_kind, 0, result)

    def invoke(self, insn: Insn, stack: list[str]) -> None:
        owner, name, desc = self.cls.member(insn.operands[0])
        params, ret = split_desc(desc)
        count = sum(len(slots(kind_of(p))) for p in params) + (0 if insn.op == 184 else 1)
        first = self.stack(len(stack) - count)
        if insn.op == 182:
            kind = "virtual"
        elif insn.op == 184:
            kind = "static"
        elif insn.op == 185:
            kind = "interface"
        elif name == "<init>" or (owner == self.cls.name and self.is_private(name, desc)):
            kind = "direct"
        else:
            kind = "super"
        self.call(kind, first, count, f"{type_desc(owner)}->{name}{desc}", ret, first)

    def is_private(self, name: str, desc: str) -> bool:
        return any(m.name == name and m.desc == desc and m.access & 0x0002 for m in self.cls.methods)

    def invoke_dynamic(self, insn: Insn, stack: list[str]) -> None:
        _, value = self.cls.cp[insn.operands[0]]
        assert isinstance(value, tuple)
        bootstrap_index, nat = value
        sam_name, call_desc = self.cls.name_and_type(nat)
        ref, args = self.cls.bootstrap[bootstrap_index]
        _, (_, handle) = self.cls.cp[ref]  # type: ignore[misc]
        _, factory, _ = self.cls.member(handle)
        if factory not in ("metafactory", "altMetafactory"):
            raise TranslationError(f"{self.where()}: invokedynamic via {factory} is not supported")
        sam_desc = self.cls.utf8(self.cls.cp[args[0]][1])  # type: ignore[arg-type]
        impl_kind, impl_ref = self.cls.cp[args[1]][1]  # type: ignore[misc]
        impl_owner, impl_name, impl_desc = self.cls.member(impl_ref)
        captured, interface = split_desc(call_desc)
        lam = Lambda(
            name=f"{self.cls.name}$$Lambda${len(self.lambdas)}",
            interface=interface[1:-1],
            sam_name=sam_name,
            sam_desc=sam_desc,
            captured=captured,
            impl_kind=impl_kind,
            impl_owner=impl_owner,
            impl_name=impl_name,
            impl_desc=impl_desc,
        )
        self.lambdas.append(lam)
        count = sum(len(slots(kind_of(c))) for c in captured)
        first = self.stack(len(stack) - count)
        self.emit(f"new-instance v0, L{lam.name};")
        # the constructor's arguments must be consecutive: the object, then the captured values
        # (already consecutive on the stack), so they are copied up one register past the top
        top = self.stack(len(stack))
        self.from_scratch("A", 0, top)
        offset = 0
        for param in captured:
            kind = kind_of(param)
            self.emit(f"{move(kind)} v{top + 1 + offset}, v{first + offset}")
            offset += len(slots(kind))
        ctor = f"L{lam.name};-><init>({''.join(captured)})V"
        self.emit(f"invoke-direct/range {{v{top} .. v{top + count}}}, {ctor}")
        self.from_scratch("A", 0, first)


def lambda_class(lam: Lambda) -> str:
    fields = [f".field private final f{i}:{desc}" for i, desc in enumerate(lam.captured)]
    width = sum(len(slots(kind_of(c))) for c in lam.captured)
    ctor = [
        ".method public constructor <init>(" + "".join(lam.captured) + ")V",
        f"    .registers {width + 1}",
        "    invoke-direct {p0}, Ljava/lang/Object;-><init>()V",
    ]
    register = 1
    for index, desc in enumerate(lam.captured):
        ctor.append(f"    iput{field_suffix(desc)} p{register}, p0, L{lam.name};->f{index}:{desc}")
        register += len(slots(kind_of(desc)))
    ctor += ["    return-void", ".end method"]
    sam_params, sam_ret = split_desc(lam.sam_desc)
    impl_params, impl_ret = split_desc(lam.impl_desc)
    receiver = lam.impl_kind in (5, 7, 9)
    target_params = ([f"L{lam.impl_owner};"] if receiver else []) + impl_params
    if lam.impl_kind == 8:
        target_params = impl_params
    sam_width = sum(len(slots(kind_of(p))) for p in sam_params)
    call_width = sum(len(slots(kind_of(p))) for p in target_params) + (1 if lam.impl_kind == 8 else 0)
    registers = call_width + 2 + 1 + sam_width
    body = [f".method public {lam.sam_name}{lam.sam_desc}", f"    .registers {registers}"]
    values = [(desc, f"{field_suffix(desc)}", index) for index, desc in enumerate(lam.captured)]
    at = 1 if lam.impl_kind == 8 else 0
    if lam.impl_kind == 8:
        body.append(f"    new-instance v0, L{lam.impl_owner};")
    expected = iter(target_params)
    for desc, suffix, index in values:
        body.append(f"    iget{suffix} v{at}, p0, L{lam.name};->f{index}:{desc}")
        next(expected)
        at += len(slots(kind_of(desc)))
    param_register = 1
    for sam_param in sam_params:
        target = next(expected)
        kind = kind_of(sam_param)
        if kind != kind_of(target) or (kind != "A" and sam_param != target):
            raise TranslationError(f"lambda {lam.impl_name}: boxing between {sam_param} and {target}")
        body.append(f"    {move(kind)} v{at}, p{param_register}")
        if kind == "A" and target != sam_param and target != "Ljava/lang/Object;":
            body.append(f"    check-cast v{at}, {target}")
        at += len(slots(kind))
        param_register += len(slots(kind))
    invoke = {6: "static", 5: "virtual", 7: "virtual", 9: "interface", 8: "direct"}[lam.impl_kind]
    ref = f"L{lam.impl_owner};->{lam.impl_name}{lam.impl_desc}"
    body.append(
        f"    invoke-{invoke}/range {{v0 .. v{max(at - 1, 0)}}}, {ref}"
        if at
        else f"    invoke-{invoke} {{}}, {ref}"
    )
    returned = "A" if lam.impl_kind == 8 else kind_of(impl_ret)
    wanted = kind_of(sam_ret)
    if wanted == "V":
        body.append("    return-void")
    elif lam.impl_kind == 8:
        body.append("    return-object v0")
    else:
        if returned != wanted:
            raise TranslationError(f"lambda {lam.impl_name}: boxing of the result is not supported")
        body.append(
            {"N": "    move-result v0", "W": "    move-result-wide v0", "A": "    move-result-object v0"}[
                returned
            ]
        )
        body.append({"N": "    return v0", "W": "    return-wide v0", "A": "    return-object v0"}[returned])
    body.append(".end method")
    header = [
        f".class final synthetic L{lam.name};",
        ".super Ljava/lang/Object;",
        f".implements L{lam.interface};",
    ]
    return "\n".join(header + fields + ctor + body) + "\n"


def constant_literal(cls: ClassFile, desc: str, constant: object) -> str:
    tag, value = constant  # type: ignore[misc]
    if tag == 8:
        return literal(cls.utf8(value))
    if tag == 3:
        number = struct.unpack(">i", value)[0]
        if desc == "Z":
            return "true" if number else "false"
        if desc == "C":
            return "'" + literal(chr(number))[1:-1] + "'"
        return f"{number}" + {"B": "t", "S": "s"}.get(desc, "")
    if tag == 4:
        return f"{struct.unpack('>f', value)[0]!r}f"
    if tag == 5:
        return f"{struct.unpack('>q', value)[0]}L"
    return f"{struct.unpack('>d', value)[0]!r}"


def translate_class(data: bytes) -> tuple[str, list[Lambda]]:
    cls = ClassFile(data)
    lambdas: list[Lambda] = []
    lines = [f".class {flag_words(cls.access & ~0x0020)} {type_desc(cls.name)}".replace("  ", " ")]
    lines.append(f".super {type_desc(cls.super_name or 'java/lang/Object')}")
    if cls.source:
        lines.append(f".source {literal(cls.source)}")
    lines += [f".implements {type_desc(i)}" for i in cls.interfaces]
    for info in cls.fields:
        line = f".field {flag_words(info.access)} {info.name}:{info.desc}".replace(".field  ", ".field ")
        if info.constant is not None and info.access & 0x0008:
            line += " = " + constant_literal(cls, info.desc, info.constant)
        lines.append(line)
    bodies: list[str] = []
    for method in cls.methods:
        if method.access & 0x0020:
            raise TranslationError(f"{cls.name}.{method.name}: synchronized methods are not supported")
        access = method.access
        if method.name.startswith("lambda$"):
            access &= ~0x0002  # called from the lambda's own class
        words = flag_words(access, method=True)
        if method.name in ("<init>", "<clinit>"):
            words += " constructor"
        bodies.append(f".method {words.strip()} {method.name}{method.desc}")
        if method.code:
            bodies.extend(MethodTranslator(cls, method, lambdas).translate())
        bodies.append(".end method")
    return "\n".join(lines + bodies) + "\n", lambdas


def translate_classes(classes: Path, out: Path) -> list[Path]:
    """Every .class under `classes` → .smali under `out` (plus one class per lambda)."""
    files = sorted(classes.rglob("*.class"))
    written = []
    for path in files:
        text, lambdas = translate_class(path.read_bytes())
        relative = path.relative_to(classes).with_suffix(".smali")
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
        for lam in lambdas:
            lambda_file = out / (lam.name.replace("$", "_") + ".smali")
            lambda_file.parent.mkdir(parents=True, exist_ok=True)
            lambda_file.write_text(lambda_class(lam), encoding="utf-8")
            written.append(lambda_file)
    return written
