/*
 * cxx_features: what C++ firmware adds to C, for the compiler matrix
 * (tools/compiler_matrix.py): a static constructor run from .init_array, virtual calls
 * through vtables, new/delete on the newlib heap, std::unique_ptr, std::vector growth,
 * std::sort with a lambda, templates and float. Prints its results and exits 0; the
 * matrix compares armsim's output with QEMU's. (No exceptions: newlib-nano's libstdc++
 * is built without them, so a throw aborts on every simulator and on silicon.)
 */
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

/* -nostartfiles leaves out crtbegin.o, which defines the DSO handle that libstdc++'s
 * static destructors register with. */
extern "C" {
void *__dso_handle = nullptr;
}

namespace {

struct Shape {
    virtual ~Shape() {}
    virtual int area() const = 0;
    virtual const char *name() const = 0;
};

struct Rectangle : Shape {
    int width, height;
    Rectangle(int width, int height) : width(width), height(height) {}
    int area() const override { return width * height; }
    const char *name() const override { return "rectangle"; }
};

struct Triangle : Shape {
    int base, height;
    Triangle(int base, int height) : base(base), height(height) {}
    int area() const override { return base * height / 2; }
    const char *name() const override { return "triangle"; }
};

int constructed = 0;

struct Registered {
    int value;
    Registered() : value(42) { constructed++; }
};

Registered registered;

template <typename T> T fold(const std::vector<T> &values) {
    T sum = 0;
    for (T value : values) sum = sum * 31 + value;
    return sum;
}

}  // namespace

int main() {
    std::printf("static constructor ran %d time(s), value %d\n", constructed, registered.value);
    std::vector<std::unique_ptr<Shape>> shapes;
    for (int i = 1; i <= 12; i++) {
        if (i % 3)
            shapes.emplace_back(new Rectangle(i, i + 1));
        else
            shapes.emplace_back(new Triangle(i, 2 * i));
    }
    std::sort(shapes.begin(), shapes.end(), [](const auto &a, const auto &b) { return a->area() > b->area(); });
    for (const auto &shape : shapes) std::printf("%s %d\n", shape->name(), shape->area());
    std::vector<uint32_t> values;
    for (uint32_t i = 0; i < 200; i++) values.push_back((i * 2654435761u) >> 7);
    std::sort(values.begin(), values.end());
    std::printf("sorted fold %08lx\n", static_cast<unsigned long>(fold(values)));
    float harmonic = 0.0f;
    for (int i = 1; i < 50; i++) harmonic += 1.0f / static_cast<float>(i);
    std::printf("harmonic x 1e6 = %d\n", static_cast<int>(harmonic * 1000000.0f));
    return 0;
}
