// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
// (being written)
