use crate::decide::Profile;
use crate::kb::Audience;
use crate::widget::Action;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::Callback;

/// Lets the embedding layer (JS API) send actions into a mounted app and read its audience.
#[derive(Clone, Default)]
pub struct Bridge(Rc<BridgeInner>);

#[derive(Default)]
struct BridgeInner {
    dispatch: RefCell<Option<Callback<Action>>>,
    /// Actions sent before the app registered its dispatcher.
    pending: RefCell<Vec<Action>>,
    audience: Cell<Option<Audience>>,
    /// The reader's answers so far (for `handle.ask()`).
    profile: RefCell<Profile>,
}

impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Bridge {
    pub fn new(audience: Audience) -> Self {
        let bridge = Bridge::default();
        bridge.0.audience.set(Some(audience));
        bridge
    }

    pub fn send(&self, action: Action) {
        let dispatch = self.0.dispatch.borrow().clone();
        match dispatch {
            Some(d) => d.emit(action),
            None => self.0.pending.borrow_mut().push(action),
        }
    }

    pub fn audience(&self) -> Audience {
        self.0.audience.get().unwrap_or(Audience::DEFAULT)
    }

    pub fn profile(&self) -> Profile {
        self.0.profile.borrow().clone()
    }

    pub fn profile_changed(&self, profile: &Profile) {
        *self.0.profile.borrow_mut() = profile.clone();
    }

    pub(crate) fn connect(&self, dispatch: Callback<Action>, audience: Audience) {
        self.0.audience.set(Some(audience));
        *self.0.dispatch.borrow_mut() = Some(dispatch.clone());
        let pending: Vec<Action> = self.0.pending.borrow_mut().drain(..).collect();
        pending.into_iter().for_each(|a| dispatch.emit(a));
    }
}
